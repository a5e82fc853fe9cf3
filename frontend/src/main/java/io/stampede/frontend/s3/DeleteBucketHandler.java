package io.stampede.frontend.s3;

import io.vertx.core.Future;

/**
 * DeleteBucket: only a bucket with no object, version, delete marker or multipart upload left
 * (BucketNotEmpty otherwise, as S3); 204. Atomic against concurrent writes: the bucket's key space
 * is first closed in every range partition holding part of it ({@code PartitionApi#closeBucket}),
 * a commit-log record each range orders with its writes, so a write of the bucket either
 * committed before (and the close, hence the delete, is refused with BucketNotEmpty) or fails
 * NoSuchBucket after; only then does the location service forget the bucket. If that fails, the
 * key space opens again. A bucket created again under the name is a new one (its own key space,
 * {@link BucketKeySpaces}).
 */
public final class DeleteBucketHandler implements S3Handler {
  private final S3Services services;

  public DeleteBucketHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteBucket";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String bucket = request.bucket();
    // the owner only (AccessDenied), checked before anything closes
    return services.buckets().check(bucket, request.caller())
        .compose(owned -> services.partitions().closeBucket(bucket))
        .compose(closed -> services.locations().deleteBucket(bucket, request.caller())
            .recover(t -> services.partitions().reopenBucket(bucket).transform(ar -> Future.failedFuture(t))))
        .compose(v -> {
          services.buckets().invalidate(bucket);
          return request.sendEmpty(204);
        });
  }
}
