package io.stampede.frontend.s3;

import io.stampede.common.key.IndexKey;
import io.stampede.location.api.BucketLocation;
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
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.stampede.common.key.ByteRange;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The partition layer as S3 handlers see it: by bucket name. Underneath, every bucket's objects
 * are filed under its key space ({@link BucketLocation#keySpace()}: the name and the id of this
 * creation of the bucket), so a bucket deleted and created again under the same name, by anyone,
 * never sees an object, version, marker or upload of the earlier one. Requests go down with the
 * key space in place of the name; answers come back with the name.
 */
public final class BucketKeySpaces implements PartitionApi {
  private final PartitionApi partitions;
  private final Function<String, Future<BucketLocation>> buckets;

  /** {@code buckets} looks a bucket up by name (NoSuchBucket when it does not exist). */
  public BucketKeySpaces(PartitionApi partitions, Function<String, Future<BucketLocation>> buckets) {
    this.partitions = partitions;
    this.buckets = buckets;
  }

  private <T> Future<T> in(String bucket, Function<String, Future<T>> call) {
    return buckets.apply(bucket).compose(loc -> call.apply(loc.keySpace()));
  }

  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return in(request.bucket(), space -> partitions.putObject(request.withBucket(space), body))
        .onFailure(t -> body.pause())
        .map(i -> i.withBucket(request.bucket()));
  }

  @Override
  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
    return in(ref.bucket(), space -> partitions.getObject(ref.withBucket(space), range))
        .map(r -> r.withInfo(r.info().withBucket(ref.bucket())));
  }

  @Override
  public Future<ObjectInfo> headObject(ObjectRef ref) {
    return in(ref.bucket(), space -> partitions.headObject(ref.withBucket(space))).map(i -> i.withBucket(ref.bucket()));
  }

  @Override
  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    return in(request.bucket(), space -> partitions.deleteObject(request.withBucket(space)));
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return in(query.bucket(), space -> partitions.listObjects(query.withBucket(space))).map(p -> named(p, query.bucket()));
  }

  @Override
  public Future<ListPage> listObjectVersions(ListObjectsQuery query) {
    return in(query.bucket(), space -> partitions.listObjectVersions(query.withBucket(space)))
        .map(p -> named(p, query.bucket()));
  }

  @Override
  public Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags) {
    return in(ref.bucket(), space -> partitions.setTags(ref.withBucket(space), tags)).map(i -> i.withBucket(ref.bucket()));
  }

  @Override
  public Future<List<ObjectPart>> objectParts(ObjectRef ref) {
    return in(ref.bucket(), space -> partitions.objectParts(ref.withBucket(space)));
  }

  @Override
  public Future<UploadInfo> createUpload(CreateUploadRequest request) {
    return in(request.bucket(), space -> partitions.createUpload(request.withBucket(space)))
        .map(u -> u.withBucket(request.bucket()));
  }

  @Override
  public Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body) {
    return in(request.upload().bucket(), space -> partitions.uploadPart(request.withBucket(space), body))
        .onFailure(t -> body.pause());
  }

  @Override
  public Future<ObjectInfo> completeUpload(CompleteUploadRequest request) {
    String bucket = request.upload().bucket();
    return in(bucket, space -> partitions.completeUpload(request.withBucket(space))).map(i -> i.withBucket(bucket));
  }

  @Override
  public Future<Void> abortUpload(UploadRef upload) {
    return in(upload.bucket(), space -> partitions.abortUpload(upload.withBucket(space)));
  }

  @Override
  public Future<PartPage> listParts(UploadRef upload, int partNumberMarker, int maxParts) {
    return in(upload.bucket(), space -> partitions.listParts(upload.withBucket(space), partNumberMarker, maxParts))
        .map(p -> new PartPage(p.upload().withBucket(upload.bucket()), p.parts(), p.truncated()));
  }

  @Override
  public Future<String> closeBucket(String bucket, String from) {
    return in(bucket, space -> partitions.closeBucket(space, IndexKey.of(space, IndexKey.objectKey(from))));
  }

  @Override
  public Future<String> reopenBucket(String bucket, String from) {
    return in(bucket, space -> partitions.reopenBucket(space, IndexKey.of(space, IndexKey.objectKey(from))));
  }

  /** Closes the key space of this creation of the bucket, in every range holding part of it. */
  @Override
  public Future<Void> closeBucket(String bucket) {
    return in(bucket, partitions::closeBucket);
  }

  @Override
  public Future<Void> reopenBucket(String bucket) {
    return in(bucket, partitions::reopenBucket);
  }

  @Override
  public Future<UploadPage> listUploads(ListObjectsQuery query) {
    return in(query.bucket(), space -> partitions.listUploads(query.withBucket(space)))
        .map(p -> new UploadPage(p.uploads().stream().map(u -> u.withBucket(query.bucket())).toList(),
            p.commonPrefixes(), p.truncated(), p.rangeHigh()));
  }

  private static ListPage named(ListPage page, String bucket) {
    return new ListPage(page.objects().stream().map(o -> o.withBucket(bucket)).toList(), page.commonPrefixes(),
        page.truncated(), page.rangeHigh());
  }
}
