package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.partition.api.ListObjectsQuery;
import io.vertx.core.Future;

/** DeleteBucket: only an empty bucket (BucketNotEmpty otherwise); 204. */
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
    return services.partitions().listObjects(new ListObjectsQuery(bucket, "", "", "", "", 1))
        .compose(page -> page.objects().isEmpty() && page.commonPrefixes().isEmpty()
            ? services.locations().deleteBucket(bucket, request.caller())
            : Future.failedFuture(S3Error.BUCKET_NOT_EMPTY.exception()))
        .compose(v -> {
          services.buckets().invalidate(bucket);
          return request.sendEmpty(204);
        });
  }
}
