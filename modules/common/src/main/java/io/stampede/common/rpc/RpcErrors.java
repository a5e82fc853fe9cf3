package io.stampede.common.rpc;

import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.http.StreamResetException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one codec between layer exceptions and gRPC statuses. A {@link StampException} travels
 * as a status whose message is {@code CODE|message}; anything else becomes INTERNAL.
 */
public final class RpcErrors {
  private static final char SEP = '|';

  private RpcErrors() {}

  /** Server side: the status a failed call answers with. */
  public static StatusException toStatus(Throwable failure) {
    if (failure instanceof StatusException se) {
      return se;
    }
    if (failure instanceof StampException se) {
      GrpcStatus status = se.retriable() ? GrpcStatus.UNAVAILABLE : GrpcStatus.FAILED_PRECONDITION;
      return new StatusException(status, se.code().name() + SEP + nullToEmpty(se.getMessage()));
    }
    return new StatusException(GrpcStatus.INTERNAL, SEP + String.valueOf(failure));
  }

  /** Server side: makes a service future fail with a status carrying the error code. */
  public static <T> Future<T> encode(Future<T> result) {
    return result.recover(t -> Future.failedFuture(toStatus(t)));
  }

  /** Client side: the exception for a call that ended with {@code status} and its message. */
  public static RemoteException fromStatus(GrpcStatus status, String statusMessage) {
    String msg = nullToEmpty(statusMessage);
    int sep = msg.indexOf(SEP);
    if (sep < 0) {
      return new RemoteException(status, "", msg);
    }
    return new RemoteException(status, msg.substring(0, sep), msg.substring(sep + 1));
  }

  /**
   * Client side: maps any failure of a call to a layer's exception. {@code byCode} maps a remote
   * error code name to the layer exception; transport failures (refused, reset, timed out) become
   * {@code unavailable}, anything else {@code internal}.
   */
  public static Throwable translate(
      Throwable failure,
      Function<RemoteException, Optional<? extends StampException>> byCode,
      Function<Throwable, ? extends StampException> unavailable,
      Function<Throwable, ? extends StampException> internal) {
    if (failure instanceof StampException) {
      return failure;
    }
    if (failure instanceof RemoteException re) {
      Optional<? extends StampException> mapped = byCode.apply(re);
      if (mapped.isPresent()) {
        return mapped.get();
      }
      return re.status() == GrpcStatus.UNAVAILABLE || re.status() == GrpcStatus.DEADLINE_EXCEEDED
          ? unavailable.apply(re)
          : internal.apply(re);
    }
    if (isTransportFailure(failure)) {
      return unavailable.apply(failure);
    }
    return internal.apply(failure);
  }

  /** Whether the failure means the peer could not be reached or the call was cut off. */
  public static boolean isTransportFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException
          || c instanceof StreamResetException
          || c instanceof TimeoutException
          || c instanceof java.nio.channels.ClosedChannelException
          || c instanceof java.io.IOException
          || (c instanceof VertxException && String.valueOf(c.getMessage()).contains("closed"))) {
        return true;
      }
    }
    return false;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
