package io.stampede.partition.grpc;

import io.stampede.common.rpc.RpcErrors;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.GetPartitionMapRequest;
import io.stampede.proto.partition.HeartbeatReply;
import io.stampede.proto.partition.HeartbeatRequest;
import io.stampede.proto.partition.PartitionManagerRpcGrpcService;
import io.stampede.proto.partition.PartitionMapMsg;
import io.stampede.proto.partition.MergeRequest;
import io.stampede.proto.partition.MoveRequest;
import io.stampede.proto.partition.SplitRequest;
import io.stampede.proto.partition.ReplaceRangesRequest;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import java.util.Optional;
import io.vertx.core.Future;

/** Exposes a {@link PartitionManagerApi} (a manager peer's Raft-backed service) as PartitionManagerRpc. */
public final class PartitionManagerBinding extends PartitionManagerRpcGrpcService {
  private final PartitionManagerApi api;

  public PartitionManagerBinding(PartitionManagerApi api) {
    this.api = api;
  }

  @Override
  public Future<PartitionMapMsg> getPartitionMap(GetPartitionMapRequest request) {
    return RpcErrors.encode(api.getPartitionMap().map(PartitionProtos::toMsg));
  }

  @Override
  public Future<HeartbeatReply> heartbeat(HeartbeatRequest request) {
    return RpcErrors.encode(api.heartbeat(PartitionProtos.fromMsg(request))
        .map(m -> HeartbeatReply.newBuilder().setMap(PartitionProtos.toMsg(m)).build()));
  }

  @Override
  public Future<PartitionMapMsg> split(SplitRequest request) {
    Optional<String> key = request.getKey().isEmpty() ? Optional.empty() : Optional.of(request.getKey());
    return RpcErrors.encode(api.split(PartitionId.of(request.getPartitionId()), key).map(PartitionProtos::toMsg));
  }

  @Override
  public Future<PartitionMapMsg> merge(MergeRequest request) {
    return RpcErrors.encode(api.merge(PartitionId.of(request.getPartitionId())).map(PartitionProtos::toMsg));
  }

  @Override
  public Future<PartitionMapMsg> move(MoveRequest request) {
    return RpcErrors.encode(api.move(PartitionId.of(request.getPartitionId()),
        PartitionServerId.of(request.getServerId())).map(PartitionProtos::toMsg));
  }

  @Override
  public Future<PartitionMapMsg> replaceRanges(ReplaceRangesRequest request) {
    return RpcErrors.encode(api.replaceRanges(request.getPartitionsList().stream().map(PartitionProtos::fromMsg).toList())
        .map(PartitionProtos::toMsg));
  }
}
