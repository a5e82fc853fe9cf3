package io.stampede.frontend.error;

/** A failure the client sees as an S3 error. Cheap: no stack trace unless it wraps a cause. */
public final class S3Exception extends RuntimeException {
  private final S3Error error;

  public S3Exception(S3Error error, String message) {
    this(error, message, null);
  }

  public S3Exception(S3Error error, String message, Throwable cause) {
    super(message, cause, true, cause != null);
    this.error = error;
  }

  public S3Error error() {
    return error;
  }

  @Override
  public String toString() {
    return error.code() + ": " + getMessage();
  }
}
