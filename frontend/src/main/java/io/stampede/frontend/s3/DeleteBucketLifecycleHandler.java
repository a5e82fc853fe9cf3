package io.stampede.frontend.s3;

import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;
import java.util.Optional;

/** DeleteBucketLifecycle: {@code DELETE /bucket?lifecycle}; 204 whether or not there were rules. */
public final class DeleteBucketLifecycleHandler implements S3Handler {
  private final S3Services services;

  public DeleteBucketLifecycleHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteBucketLifecycle";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return BucketUpdates.apply(services, request, new BucketChange.SetLifecycle(Optional.empty()))
        .compose(loc -> request.sendEmpty(204));
  }
}
