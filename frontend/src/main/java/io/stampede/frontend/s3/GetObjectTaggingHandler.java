package io.stampede.frontend.s3;

import io.stampede.partition.api.ObjectRef;
import io.vertx.core.Future;

/**
 * GetObjectTagging: {@code GET /bucket/key?tagging[&versionId=V]}, the Tagging document of the
 * current version or the one named (an empty TagSet when it has no tags), with its
 * {@code x-amz-version-id}. A delete marker has no tags: answered as a GetObject of it would be.
 */
public final class GetObjectTaggingHandler implements S3Handler {
  private final S3Services services;

  public GetObjectTaggingHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "GetObjectTagging";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String versionId = VersionIds.of(request);
    ObjectRef ref = ObjectRef.version(request.bucket(), request.key(), versionId);
    return services.partitions().headObject(ref).compose(info -> {
      if (info.deleteMarker()) {
        return Future.failedFuture(VersionIds.deleteMarker(info, !versionId.isEmpty()));
      }
      VersionIds.answer(request.response(), info.versionId(), VersionIds.state(request));
      return request.sendXml(200, ObjectTags.toXml(info.tags()));
    });
  }
}
