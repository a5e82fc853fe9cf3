package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AclResource;
import io.vertx.core.Future;

/**
 * PutObjectAcl: {@code PUT /bucket/key?acl}. NoSuchKey unless the key has a current version;
 * accepts what amounts to the owner's FULL_CONTROL ({@link AclChange}).
 */
public final class PutObjectAclHandler implements S3Handler {
  private final S3Services services;

  public PutObjectAclHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutObjectAcl";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return GetObjectAclHandler.existing(services, request)
        .compose(info -> AclChange.check(request, AclResource.OBJECT, request.bucketOwner(), services.config().users()))
        .compose(v -> request.sendEmpty(200));
  }
}
