package io.stampede.frontend.s3;

import io.stampede.partition.api.ObjectRef;
import io.vertx.core.Future;

/**
 * PutObjectTagging: {@code PUT /bucket/key?tagging[&versionId=V]} with a Tagging document; replaces
 * the tags of the current version or the one named (an empty TagSet removes them). 200 with the
 * version's {@code x-amz-version-id}; bad tags are InvalidTag and change nothing.
 */
public final class PutObjectTaggingHandler implements S3Handler {
  private final S3Services services;

  public PutObjectTaggingHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutObjectTagging";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String versionId = VersionIds.of(request);
    ObjectRef ref = ObjectRef.version(request.bucket(), request.key(), versionId);
    return RequestXml.read(request, ObjectTags.DOCUMENT_BYTES_MAX)
        .map(ObjectTags::fromXml)
        .compose(tags -> ObjectTags.set(services, ref, tags))
        .compose(info -> {
          VersionIds.answer(request.response(), info.versionId(), VersionIds.state(request));
          return request.sendEmpty(200);
        });
  }
}
