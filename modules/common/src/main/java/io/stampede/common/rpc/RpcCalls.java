package io.stampede.common.rpc;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Client-side gRPC calls that keep the peer's error code: the generated clients drop the
 * status message, so client adapters call through here and get a {@link RemoteException}.
 */
public final class RpcCalls {
  private RpcCalls() {}

  /** A unary call with a deadline. */
  public static <Req, Resp> Future<Resp> unary(
      GrpcClient client, SocketAddress server, ServiceMethod<Resp, Req> method, Req request,
      Duration timeout) {
    return client.request(server, method)
        .compose(req -> {
          req.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
          return req.send(request);
        })
        .compose(RpcCalls::last);
  }

  /** The single reply of a response, or the peer's error as a {@link RemoteException}. */
  public static <Req, Resp> Future<Resp> last(GrpcClientResponse<Req, Resp> response) {
    return response.last().recover(t -> Future.failedFuture(failure(response, t)));
  }

  /** The failure a response ended with. */
  public static Throwable failure(GrpcClientResponse<?, ?> response, Throwable t) {
    GrpcStatus status = response.status();
    if (status == null || status == GrpcStatus.OK) {
      return t;
    }
    return RpcErrors.fromStatus(status, response.statusMessage());
  }

  /** Opens a streaming request; the caller writes messages and reads the response. */
  public static <Req, Resp> Future<GrpcClientRequest<Req, Resp>> open(
      GrpcClient client, SocketAddress server, ServiceMethod<Resp, Req> method) {
    return client.request(server, method);
  }
}
