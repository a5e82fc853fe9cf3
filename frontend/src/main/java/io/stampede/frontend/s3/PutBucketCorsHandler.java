package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.CorsXml;
import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;
import java.util.Optional;

/** PutBucketCors: {@code PUT /bucket?cors} replaces the bucket's CORS rules; see {@link CorsXml}. */
public final class PutBucketCorsHandler implements S3Handler {
  private final S3Services services;

  public PutBucketCorsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutBucketCors";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return RequestXml.read(request, CorsXml.MAX_BYTES)
        .map(body -> CorsXml.parse(body.getBytes()))
        .compose(cors -> BucketUpdates.apply(services, request, new BucketChange.SetCors(Optional.of(cors))))
        .compose(loc -> request.sendEmpty(200));
  }
}
