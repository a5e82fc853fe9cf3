package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.CorsXml;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.Future;

/** GetBucketCors: {@code GET /bucket?cors}; NoSuchCORSConfiguration when the bucket has none. */
public final class GetBucketCorsHandler implements S3Handler {
  @Override
  public String operation() {
    return "GetBucketCors";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return request.location().settings().cors()
        .map(cors -> request.sendXml(200, CorsXml.render(cors)))
        .orElseGet(() -> Future.failedFuture(S3Error.NO_SUCH_CORS_CONFIGURATION.exception()));
  }
}
