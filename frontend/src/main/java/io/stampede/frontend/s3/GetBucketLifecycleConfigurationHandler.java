package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.LifecycleXmlWriter;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.Future;

/** GetBucketLifecycleConfiguration: {@code GET /bucket?lifecycle}; NoSuchLifecycleConfiguration when none. */
public final class GetBucketLifecycleConfigurationHandler implements S3Handler {
  @Override
  public String operation() {
    return "GetBucketLifecycleConfiguration";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return request.location().settings().lifecycle()
        .map(rules -> request.sendXml(200, LifecycleXmlWriter.render(rules)))
        .orElseGet(() -> Future.failedFuture(S3Error.NO_SUCH_LIFECYCLE_CONFIGURATION.exception()));
  }
}
