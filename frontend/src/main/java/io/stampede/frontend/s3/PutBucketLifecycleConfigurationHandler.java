package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.LifecycleXml;
import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * PutBucketLifecycleConfiguration: {@code PUT /bucket?lifecycle} replaces the bucket's lifecycle
 * rules (see {@link LifecycleXml}); the stamp's lifecycle runner applies them.
 */
public final class PutBucketLifecycleConfigurationHandler implements S3Handler {
  private final S3Services services;

  public PutBucketLifecycleConfigurationHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutBucketLifecycleConfiguration";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return RequestXml.read(request, LifecycleXml.MAX_BYTES)
        .map(body -> LifecycleXml.parse(body.getBytes()))
        .compose(rules -> BucketUpdates.apply(services, request, new BucketChange.SetLifecycle(Optional.of(rules))))
        .compose(loc -> request.sendEmpty(200));
  }
}
