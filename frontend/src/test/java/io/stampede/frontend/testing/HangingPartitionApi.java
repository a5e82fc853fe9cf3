package io.stampede.frontend.testing;

import io.stampede.common.key.ByteRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PutObjectRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;

/** A partition layer that never answers, for timeout tests. */
public final class HangingPartitionApi extends UnsupportedPartitionApi {
  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return Promise.<ObjectInfo>promise().future();
  }

  @Override
  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
    String bucket = ref.bucket();
    String key = ref.key();
    return Promise.<ObjectRead>promise().future();
  }

  @Override
  public Future<ObjectInfo> headObject(ObjectRef ref) {
    String bucket = ref.bucket();
    String key = ref.key();
    return Promise.<ObjectInfo>promise().future();
  }

  @Override
  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    String bucket = request.bucket();
    String key = request.key();
    return Promise.<DeleteResult>promise().future();
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return Promise.<ListPage>promise().future();
  }
}
