package io.stampede.frontend.s3;

import io.vertx.core.Future;

/** AbortMultipartUpload: {@code DELETE /bucket/key?uploadId=U}; the parts' space is released. */
public final class AbortMultipartUploadHandler implements S3Handler {
  private final S3Services services;

  public AbortMultipartUploadHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "AbortMultipartUpload";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return services.partitions().abortUpload(UploadPartHandler.uploadRef(request))
        .compose(v -> request.sendEmpty(204));
  }
}
