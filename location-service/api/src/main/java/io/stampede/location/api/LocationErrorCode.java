package io.stampede.location.api;

import io.stampede.common.rpc.ErrorCode;

/** Everything that can go wrong in the location service. */
public enum LocationErrorCode implements ErrorCode {
  NO_SUCH_BUCKET(false),
  /** The name is taken by another owner. */
  BUCKET_ALREADY_EXISTS(false),
  /** The name is taken by the same owner. */
  BUCKET_ALREADY_OWNED_BY_YOU(false),
  /** The caller does not own the bucket. */
  ACCESS_DENIED(false),
  /** No stamp is registered to hold new buckets. */
  NO_STAMP(true),
  UNAVAILABLE(true),
  INTERNAL(false);

  private final boolean retriable;

  LocationErrorCode(boolean retriable) {
    this.retriable = retriable;
  }

  @Override
  public boolean retriable() {
    return retriable;
  }
}
