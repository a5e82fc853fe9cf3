package io.stampede.frontend.s3;

import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;

/** Applies a change to the request's bucket settings and makes this front end see it at once. */
final class BucketUpdates {
  private BucketUpdates() {}

  static Future<BucketLocation> apply(S3Services services, S3Request request, BucketChange change) {
    return services.locations().updateBucket(request.bucket(), request.caller(), change)
        .onComplete(ar -> services.buckets().invalidate(request.bucket()));
  }
}
