package io.stampede.frontend.s3;

import io.vertx.core.Future;

/** DeleteObject: 204 whether or not the key existed. */
public final class DeleteObjectHandler implements S3Handler {
  private final S3Services services;

  public DeleteObjectHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteObject";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return services.partitions().deleteObject(request.bucket(), request.key())
        .compose(v -> request.sendEmpty(204));
  }
}
