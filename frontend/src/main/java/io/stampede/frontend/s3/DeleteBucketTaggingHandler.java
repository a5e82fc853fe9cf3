package io.stampede.frontend.s3;

import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;
import java.util.Map;

/** DeleteBucketTagging: {@code DELETE /bucket?tagging}; 204 whether or not there were tags. */
public final class DeleteBucketTaggingHandler implements S3Handler {
  private final S3Services services;

  public DeleteBucketTaggingHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteBucketTagging";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return BucketUpdates.apply(services, request, new BucketChange.SetTags(Map.of()))
        .compose(loc -> request.sendEmpty(204));
  }
}
