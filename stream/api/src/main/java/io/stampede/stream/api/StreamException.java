package io.stampede.stream.api;

import io.stampede.common.rpc.StampException;

/** The stream layer's one exception type. */
public final class StreamException extends StampException {
  private final StreamErrorCode code;

  public StreamException(StreamErrorCode code, String message) {
    this(code, message, null);
  }

  public StreamException(StreamErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  @Override
  public StreamErrorCode code() {
    return code;
  }
}
