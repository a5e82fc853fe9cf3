package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.VersioningXml;
import io.vertx.core.Future;

/** GetBucketVersioning: {@code GET /bucket?versioning}; an empty configuration until versioning was enabled. */
public final class GetBucketVersioningHandler implements S3Handler {
  @Override
  public String operation() {
    return "GetBucketVersioning";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return request.sendXml(200, VersioningXml.render(request.location().versioning()));
  }
}
