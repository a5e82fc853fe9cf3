package io.stampede.frontend.s3;

import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;
import java.util.Optional;

/** DeleteBucketCors: {@code DELETE /bucket?cors}; 204 whether or not there was a configuration. */
public final class DeleteBucketCorsHandler implements S3Handler {
  private final S3Services services;

  public DeleteBucketCorsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteBucketCors";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return BucketUpdates.apply(services, request, new BucketChange.SetCors(Optional.empty()))
        .compose(loc -> request.sendEmpty(204));
  }
}
