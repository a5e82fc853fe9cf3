package io.stampede.partition.api;

import io.stampede.common.rpc.ErrorCode;

/** Everything that can go wrong in the partition layer. */
public enum PartitionErrorCode implements ErrorCode {
  NO_SUCH_KEY(false),
  INVALID_RANGE(false),
  /** The body ended early, carried more bytes than declared, or failed verification. */
  INCOMPLETE_BODY(false),
  /** A request the partition layer refuses (key too long, bad argument). */
  BAD_REQUEST(false),
  /** This server does not (or no longer) serve the range holding the key; refresh the map. */
  NOT_SERVING(true),
  /** Too many requests for the range or bucket right now. */
  SLOW_DOWN(true),
  /** A server or the stream layer could not be reached. */
  UNAVAILABLE(true),
  INTERNAL(false);

  private final boolean retriable;

  PartitionErrorCode(boolean retriable) {
    this.retriable = retriable;
  }

  @Override
  public boolean retriable() {
    return retriable;
  }
}
