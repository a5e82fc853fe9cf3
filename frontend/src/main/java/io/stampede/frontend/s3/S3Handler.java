package io.stampede.frontend.s3;

import io.vertx.core.Future;

/**
 * One S3 operation. The request is authenticated and, when {@link #checksBucket()}, its bucket
 * exists and belongs to the caller. The handler writes the response; its future fails with
 * anything {@code S3Errors.translate} understands, and the failure handler renders it.
 */
public interface S3Handler {
  /** The AWS operation name, also the {@code operation} metric tag. */
  String operation();

  Future<Void> handle(S3Request request);

  default boolean checksBucket() {
    return true;
  }

  /** Whether the request must be signed; only a CORS preflight is served anonymously. */
  default boolean authenticates() {
    return true;
  }
}
