package io.stampede.common.rpc;

import io.vertx.grpc.common.GrpcStatus;

/**
 * A gRPC call that ended with a non-OK status. {@code code} is the peer's error code name, or
 * empty when the peer did not send one (the transport failed, or an unknown error).
 * Each layer's client adapter turns this into its own exception type.
 */
public final class RemoteException extends RuntimeException {
  private final GrpcStatus status;
  private final String code;

  public RemoteException(GrpcStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public GrpcStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return "RemoteException(" + status + ", " + code + "): " + getMessage();
  }
}
