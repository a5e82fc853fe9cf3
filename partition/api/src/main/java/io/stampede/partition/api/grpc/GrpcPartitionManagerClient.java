package io.stampede.partition.api.grpc;

import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.proto.partition.GetPartitionMapRequest;
import io.stampede.proto.partition.HeartbeatRequest;
import io.stampede.proto.partition.PartitionManagerRpcGrpcClient;
import io.vertx.core.Future;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@link PartitionManagerApi} over gRPC. Tries the manager's peers in turn, starting with the
 * last one that answered, until one answers or a non-retriable error comes back.
 */
public final class GrpcPartitionManagerClient implements PartitionManagerApi {
  private final GrpcClient client;
  private final List<Endpoint> peers;
  private final Duration callTimeout;
  private volatile int preferred;

  public GrpcPartitionManagerClient(GrpcClient client, List<Endpoint> peers, Duration callTimeout) {
    if (peers.isEmpty()) {
      throw new IllegalArgumentException("no partition manager endpoints");
    }
    this.client = client;
    this.peers = List.copyOf(peers);
    this.callTimeout = callTimeout;
  }

  @Override
  public Future<PartitionMap> getPartitionMap() {
    return tryEach(peer -> RpcCalls.unary(client, PartitionGrpc.address(peer),
            PartitionManagerRpcGrpcClient.GetPartitionMap, GetPartitionMapRequest.getDefaultInstance(), callTimeout)
        .map(PartitionProtos::fromMsg), 0, null);
  }

  @Override
  public Future<PartitionMap> heartbeat(PartitionServerInfo server) {
    HeartbeatRequest request = HeartbeatRequest.newBuilder().setServer(PartitionProtos.toMsg(server)).build();
    return tryEach(peer -> RpcCalls.unary(client, PartitionGrpc.address(peer),
            PartitionManagerRpcGrpcClient.Heartbeat, request, callTimeout)
        .map(reply -> PartitionProtos.fromMsg(reply.getMap())), 0, null);
  }

  private <T> Future<T> tryEach(Function<Endpoint, Future<T>> call, int attempt, PartitionException last) {
    if (attempt >= peers.size()) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.UNAVAILABLE,
          "no partition manager peer answered: " + last, last));
    }
    int index = (preferred + attempt) % peers.size();
    return call.apply(peers.get(index))
        .onSuccess(r -> preferred = index)
        .recover(t -> {
          PartitionException e = PartitionRpcErrors.translate(t);
          return e.retriable() ? tryEach(call, attempt + 1, e) : Future.failedFuture(e);
        });
  }
}
