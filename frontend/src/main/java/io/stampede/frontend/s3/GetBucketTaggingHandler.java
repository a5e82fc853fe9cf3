package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.TagSetXml;
import io.stampede.frontend.error.S3Error;
import io.vertx.core.Future;

/** GetBucketTagging: {@code GET /bucket?tagging}; NoSuchTagSet when the bucket has no tags. */
public final class GetBucketTaggingHandler implements S3Handler {
  @Override
  public String operation() {
    return "GetBucketTagging";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    var tags = request.location().settings().tags();
    if (tags.isEmpty()) {
      return Future.failedFuture(S3Error.NO_SUCH_TAG_SET.exception());
    }
    return request.sendXml(200, TagSetXml.render(tags));
  }
}
