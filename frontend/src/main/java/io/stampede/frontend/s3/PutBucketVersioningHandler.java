package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.VersioningXml;
import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;

/** PutBucketVersioning: {@code PUT /bucket?versioning}, Status Enabled or Suspended; see {@link VersioningXml}. */
public final class PutBucketVersioningHandler implements S3Handler {
  private final S3Services services;

  public PutBucketVersioningHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutBucketVersioning";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return RequestXml.read(request, VersioningXml.MAX_BYTES)
        .map(body -> VersioningXml.parse(body.getBytes()))
        .compose(state -> state.isEmpty() ? Future.succeededFuture()
            : BucketUpdates.apply(services, request, new BucketChange.SetVersioning(state.get())).mapEmpty())
        .compose(v -> request.sendEmpty(200));
  }
}
