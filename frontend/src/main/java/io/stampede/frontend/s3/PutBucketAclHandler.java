package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AclResource;
import io.vertx.core.Future;

/** PutBucketAcl: {@code PUT /bucket?acl}; accepts what amounts to the owner's FULL_CONTROL ({@link AclChange}). */
public final class PutBucketAclHandler implements S3Handler {
  private final S3Services services;

  public PutBucketAclHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutBucketAcl";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return AclChange.check(request, AclResource.BUCKET, request.bucketOwner(), services.config().users())
        .compose(v -> request.sendEmpty(200));
  }
}
