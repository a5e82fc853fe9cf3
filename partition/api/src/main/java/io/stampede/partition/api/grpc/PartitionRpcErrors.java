package io.stampede.partition.api.grpc;

import io.stampede.common.rpc.RemoteException;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.common.rpc.StampException;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import java.util.Optional;

/** Client side of the partition layer's error codec: any call failure as a {@link PartitionException}. */
public final class PartitionRpcErrors {
  private PartitionRpcErrors() {}

  public static PartitionException translate(Throwable failure) {
    if (failure instanceof PartitionException pe) {
      return pe;
    }
    if (failure instanceof StampException se) {
      PartitionErrorCode code = se.retriable() ? PartitionErrorCode.UNAVAILABLE : PartitionErrorCode.INTERNAL;
      return new PartitionException(code, String.valueOf(se), se);
    }
    return (PartitionException) RpcErrors.translate(failure, PartitionRpcErrors::byCode,
        t -> new PartitionException(PartitionErrorCode.UNAVAILABLE, String.valueOf(t), t),
        t -> new PartitionException(PartitionErrorCode.INTERNAL, String.valueOf(t), t));
  }

  private static Optional<PartitionException> byCode(RemoteException re) {
    return PartitionErrorCode.named(re.code())
        .map(c -> new PartitionException(c, re.getMessage()));
  }
}
