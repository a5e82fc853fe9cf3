package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AccessControlPolicy;
import io.stampede.frontend.error.S3Error;
import io.stampede.partition.api.ObjectInfo;
import io.vertx.core.Future;

/**
 * GetObjectAcl: {@code GET /bucket/key?acl}. NoSuchKey unless the key has a current version;
 * otherwise the owner's FULL_CONTROL. Objects belong to the bucket owner, the only user who can
 * write them.
 */
public final class GetObjectAclHandler implements S3Handler {
  private final S3Services services;

  public GetObjectAclHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "GetObjectAcl";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return existing(services, request)
        .compose(info -> request.sendXml(200, AccessControlPolicy.render(request.bucketOwner())));
  }

  /** The key's current version; NoSuchKey if there is none or it is a delete marker. */
  static Future<ObjectInfo> existing(S3Services services, S3Request request) {
    return services.partitions().headObject(request.bucket(), request.key()).compose(info -> info.deleteMarker()
        ? Future.failedFuture(S3Error.NO_SUCH_KEY.exception())
        : Future.succeededFuture(info));
  }
}
