package io.stampede.frontend.testing;

import io.stampede.common.key.ByteRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PutObjectRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;

/** A partition layer that never answers, for timeout tests. */
public final class HangingPartitionApi implements PartitionApi {
  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return Promise.<ObjectInfo>promise().future();
  }

  @Override
  public Future<ObjectRead> getObject(String bucket, String key, Optional<ByteRange> range) {
    return Promise.<ObjectRead>promise().future();
  }

  @Override
  public Future<ObjectInfo> headObject(String bucket, String key) {
    return Promise.<ObjectInfo>promise().future();
  }

  @Override
  public Future<Void> deleteObject(String bucket, String key) {
    return Promise.<Void>promise().future();
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return Promise.<ListPage>promise().future();
  }
}
