package io.stampede.partition.api;

import io.stampede.common.rpc.StampException;

/** The partition layer's one exception type. */
public final class PartitionException extends StampException {
  private final PartitionErrorCode code;

  public PartitionException(PartitionErrorCode code, String message) {
    this(code, message, null);
  }

  public PartitionException(PartitionErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  @Override
  public PartitionErrorCode code() {
    return code;
  }
}
