package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.TagSetXml;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.api.bucket.BucketSettings;
import io.vertx.core.Future;

/** PutBucketTagging: {@code PUT /bucket?tagging} replaces the bucket's tags (at most 50); 204. */
public final class PutBucketTaggingHandler implements S3Handler {
  static final int MAX_BYTES = 128 * 1024;
  private final S3Services services;

  public PutBucketTaggingHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutBucketTagging";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return RequestXml.read(request, MAX_BYTES)
        .map(body -> TagSetXml.parse(body.getBytes(), MAX_BYTES, BucketSettings.TAGS_MAX,
            "Bucket tag count cannot be greater than " + BucketSettings.TAGS_MAX))
        .compose(tags -> BucketUpdates.apply(services, request, new BucketChange.SetTags(tags)))
        .compose(loc -> request.sendEmpty(204));
  }
}
