package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AccessControlPolicy;
import io.vertx.core.Future;

/** GetBucketAcl: {@code GET /bucket?acl}, always the owner's FULL_CONTROL (see the acl package). */
public final class GetBucketAclHandler implements S3Handler {
  @Override
  public String operation() {
    return "GetBucketAcl";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return request.sendXml(200, AccessControlPolicy.render(request.bucketOwner()));
  }
}
