package io.stampede.frontend.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client sees as an S3 error. Cheap: no stack trace unless it wraps a cause. Some
 * errors carry response headers beside the document (a delete marker's {@code x-amz-delete-marker}
 * and {@code x-amz-version-id} on a 404 or 405).
 */
public final class S3Exception extends RuntimeException {
  private final S3Error error;
  private final Map<String, String> headers = new LinkedHashMap<>();

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

  /** Adds a header the error response carries; returns this exception. */
  public S3Exception withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The headers the error response carries besides the common ones. */
  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return error.code() + ": " + getMessage();
  }
}
