package io.stampede.stream.api;

import io.stampede.common.rpc.RpcErrors;
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

  /**
   * Any failure of a call to the stream layer as a StreamException: itself, the code a remote
   * error names, UNAVAILABLE for a peer that could not be reached or cut the call off, INTERNAL
   * for anything else.
   */
  public static StreamException of(Throwable failure) {
    return (StreamException) RpcErrors.translate(failure,
        re -> StreamErrorCode.named(re.code()).map(c -> new StreamException(c, re.getMessage())),
        e -> new StreamException(StreamErrorCode.UNAVAILABLE, String.valueOf(e.getMessage()), e),
        e -> new StreamException(StreamErrorCode.INTERNAL, String.valueOf(e), e));
  }

  @Override
  public StreamErrorCode code() {
    return code;
  }
}
