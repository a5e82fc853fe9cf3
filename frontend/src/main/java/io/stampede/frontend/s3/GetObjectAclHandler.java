package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AccessControlPolicy;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRef;
import io.vertx.core.Future;

/**
 * GetObjectAcl: {@code GET /bucket/key?acl[&versionId=V]}. NoSuchKey unless the key has a current version;
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

  /**
   * The key's current version, or the one {@code versionId} names; NoSuchKey if there is none,
   * and a delete marker answered as {@link VersionIds#deleteMarker} says.
   */
  static Future<ObjectInfo> existing(S3Services services, S3Request request) {
    String versionId = VersionIds.of(request);
    return services.partitions().headObject(ObjectRef.version(request.bucket(), request.key(), versionId))
        .compose(info -> info.deleteMarker()
            ? Future.failedFuture(VersionIds.deleteMarker(info, !versionId.isEmpty()))
            : Future.succeededFuture(info));
  }
}
