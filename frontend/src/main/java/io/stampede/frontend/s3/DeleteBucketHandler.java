package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.partition.api.ListObjectsQuery;
import io.vertx.core.Future;

/**
 * DeleteBucket: only a bucket with no object, version, delete marker or multipart upload left
 * (BucketNotEmpty otherwise, as S3); 204. A bucket created again under the name is a new one
 * (its own key space, {@link BucketKeySpaces}).
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
    ListObjectsQuery any = new ListObjectsQuery(bucket, "", "", "", "", 1);
    return services.partitions().listObjectVersions(any)
        .compose(versions -> services.partitions().listUploads(any).map(uploads ->
            versions.objects().isEmpty() && versions.commonPrefixes().isEmpty() && uploads.uploads().isEmpty()))
        .compose(empty -> empty
            ? services.locations().deleteBucket(bucket, request.caller())
            : Future.failedFuture(S3Error.BUCKET_NOT_EMPTY.exception()))
        .compose(v -> {
          services.buckets().invalidate(bucket);
          return request.sendEmpty(204);
        });
  }
}
