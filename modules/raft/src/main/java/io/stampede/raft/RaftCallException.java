package io.stampede.raft;

/**
 * A command or query that did not complete: the group had no reachable leader in time, the
 * client was closed ({@link Reason#UNAVAILABLE}, worth retrying), or the state machine refused
 * the command ({@link Reason#REJECTED}, every peer refuses it alike).
 */
public final class RaftCallException extends RuntimeException {
  /** Why a call failed. */
  public enum Reason {
    UNAVAILABLE,
    REJECTED
  }

  private final Reason reason;

  public RaftCallException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
