package io.stampede.common.rpc;

/**
 * The root of each layer's single exception type (StreamException, PartitionException,
 * LocationException). Futures fail with it; nothing throws it across an API.
 */
public abstract class StampException extends RuntimeException {
  protected StampException(String message, Throwable cause) {
    super(message, cause, true, cause != null);
  }

  public abstract ErrorCode code();

  public boolean retriable() {
    return code().retriable();
  }

  @Override
  public String toString() {
    return code().name() + ": " + getMessage();
  }
}
