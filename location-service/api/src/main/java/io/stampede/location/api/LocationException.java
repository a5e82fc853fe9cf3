package io.stampede.location.api;

import io.stampede.common.rpc.StampException;

/** The location service's one exception type. */
public final class LocationException extends StampException {
  private final LocationErrorCode code;

  public LocationException(LocationErrorCode code, String message) {
    this(code, message, null);
  }

  public LocationException(LocationErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  @Override
  public LocationErrorCode code() {
    return code;
  }
}
