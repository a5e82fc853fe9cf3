package io.stampede.partition.grpc;

import io.stampede.common.rpc.RpcErrors;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.GetPartitionMapRequest;
import io.stampede.proto.partition.HeartbeatReply;
import io.stampede.proto.partition.HeartbeatRequest;
import io.stampede.proto.partition.PartitionManagerRpcGrpcService;
import io.stampede.proto.partition.PartitionMapMsg;
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
    return RpcErrors.encode(api.heartbeat(PartitionProtos.fromMsg(request.getServer()))
        .map(m -> HeartbeatReply.newBuilder().setMap(PartitionProtos.toMsg(m)).build()));
  }
}
