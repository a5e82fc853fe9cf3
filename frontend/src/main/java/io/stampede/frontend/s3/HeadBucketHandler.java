package io.stampede.frontend.s3;

import io.vertx.core.Future;

/** HeadBucket: 200 with the bucket's region, or an error status without a body. */
public final class HeadBucketHandler implements S3Handler {
  @Override
  public String operation() {
    return "HeadBucket";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    request.response().putHeader("x-amz-bucket-region", request.location().region());
    return request.sendEmpty(200);
  }
}
