package io.stampede.frontend.s3;

import io.stampede.partition.api.ObjectRef;
import io.vertx.core.Future;
import java.util.Map;

/**
 * DeleteObjectTagging: {@code DELETE /bucket/key?tagging[&versionId=V]} removes every tag of the
 * current version or the one named; 204 with the version's {@code x-amz-version-id}.
 */
public final class DeleteObjectTaggingHandler implements S3Handler {
  private final S3Services services;

  public DeleteObjectTaggingHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteObjectTagging";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    ObjectRef ref = ObjectRef.version(request.bucket(), request.key(), VersionIds.of(request));
    return ObjectTags.set(services, ref, Map.of()).compose(info -> {
      VersionIds.answer(request.response(), info.versionId(), VersionIds.state(request));
      return request.sendEmpty(204);
    });
  }
}
