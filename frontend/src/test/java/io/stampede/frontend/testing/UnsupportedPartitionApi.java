package io.stampede.frontend.testing;

import io.stampede.common.key.ByteRange;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartPage;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partition layer that supports nothing: every call fails INTERNAL. Front-end test fakes extend
 * it and override what their tests use; cross-layer behaviour is tested against real stamps.
 */
public abstract class UnsupportedPartitionApi implements PartitionApi {
  private static <T> Future<T> unsupported() {
    return Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL, "not supported by this fake"));
  }

  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return unsupported();
  }

  @Override
  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
    return unsupported();
  }

  @Override
  public Future<ObjectInfo> headObject(ObjectRef ref) {
    return unsupported();
  }

  @Override
  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    return unsupported();
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return unsupported();
  }

  @Override
  public Future<ListPage> listObjectVersions(ListObjectsQuery query) {
    return unsupported();
  }

  @Override
  public Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags) {
    return unsupported();
  }

  @Override
  public Future<List<ObjectPart>> objectParts(ObjectRef ref) {
    return unsupported();
  }

  @Override
  public Future<UploadInfo> createUpload(CreateUploadRequest request) {
    return unsupported();
  }

  @Override
  public Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body) {
    return unsupported();
  }

  @Override
  public Future<ObjectInfo> completeUpload(CompleteUploadRequest request) {
    return unsupported();
  }

  @Override
  public Future<Void> abortUpload(UploadRef upload) {
    return unsupported();
  }

  @Override
  public Future<PartPage> listParts(UploadRef upload, int partNumberMarker, int maxParts) {
    return unsupported();
  }

  @Override
  public Future<UploadPage> listUploads(ListObjectsQuery query) {
    return unsupported();
  }

  @Override
  public Future<String> closeBucket(String bucket, String from) {
    return unsupported();
  }

  @Override
  public Future<String> reopenBucket(String bucket, String from) {
    return unsupported();
  }
}
