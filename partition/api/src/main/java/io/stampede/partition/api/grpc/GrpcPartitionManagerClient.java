package io.stampede.partition.api.grpc;

import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.ServerReport;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.proto.partition.MergeRequest;
import io.stampede.proto.partition.MoveRequest;
import io.stampede.proto.partition.SplitRequest;
import io.stampede.proto.partition.ReplaceRangesRequest;
import io.stampede.partition.api.PartitionEntry;
import java.util.Optional;
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
  public Future<PartitionMap> heartbeat(ServerReport report) {
    HeartbeatRequest request = PartitionProtos.toMsg(report);
    return tryEach(peer -> RpcCalls.unary(client, PartitionGrpc.address(peer),
            PartitionManagerRpcGrpcClient.Heartbeat, request, callTimeout)
        .map(reply -> PartitionProtos.fromMsg(reply.getMap())), 0, null);
  }

  @Override
  public Future<PartitionMap> split(PartitionId range, Optional<String> indexKey) {
    SplitRequest request = SplitRequest.newBuilder().setPartitionId(range.value()).setKey(indexKey.orElse("")).build();
    return tryEach(peer -> RpcCalls.unary(client, PartitionGrpc.address(peer),
            PartitionManagerRpcGrpcClient.Split, request, callTimeout).map(PartitionProtos::fromMsg), 0, null);
  }

  @Override
  public Future<PartitionMap> merge(PartitionId left) {
    MergeRequest request = MergeRequest.newBuilder().setPartitionId(left.value()).build();
    return tryEach(peer -> RpcCalls.unary(client, PartitionGrpc.address(peer),
            PartitionManagerRpcGrpcClient.Merge, request, callTimeout).map(PartitionProtos::fromMsg), 0, null);
  }

  @Override
  public Future<PartitionMap> move(PartitionId range, PartitionServerId server) {
    MoveRequest request = MoveRequest.newBuilder().setPartitionId(range.value()).setServerId(server.value()).build();
    return tryEach(peer -> RpcCalls.unary(client, PartitionGrpc.address(peer),
            PartitionManagerRpcGrpcClient.Move, request, callTimeout).map(PartitionProtos::fromMsg), 0, null);
  }

  @Override
  public Future<PartitionMap> replaceRanges(List<PartitionEntry> ranges) {
    ReplaceRangesRequest request = ReplaceRangesRequest.newBuilder()
        .addAllPartitions(ranges.stream().map(PartitionProtos::toMsg).toList()).build();
    return tryEach(peer -> RpcCalls.unary(client, PartitionGrpc.address(peer),
            PartitionManagerRpcGrpcClient.ReplaceRanges, request, callTimeout).map(PartitionProtos::fromMsg), 0, null);
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
