package io.stampede.stream.api.grpc;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.proto.stream.DescribeStreamsRequest;
import io.stampede.proto.stream.OpenStreamRequest;
import io.stampede.proto.stream.ReportCorruptRequest;
import io.stampede.proto.stream.SealAndExtendRequest;
import io.stampede.proto.stream.StreamManagerRpcGrpcClient;
import io.stampede.stream.api.HeartbeatReply;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;

/** The stream manager reached over gRPC. Every call has a deadline; failures are StreamExceptions. */
public final class GrpcStreamManagerClient implements StreamManagerApi {
  private final GrpcClient client;
  private final SocketAddress address;
  private final Duration timeout;

  public GrpcStreamManagerClient(GrpcClient client, Endpoint endpoint, Duration timeout) {
    this.client = client;
    this.address = StreamGrpc.address(endpoint);
    this.timeout = timeout;
  }

  private <Req, Resp> Future<Resp> call(ServiceMethod<Resp, Req> method, Req request) {
    return StreamGrpc.translated(RpcCalls.unary(client, address, method, request, timeout));
  }

  @Override
  public Future<HeartbeatReply> heartbeat(NodeHeartbeat heartbeat) {
    return call(StreamManagerRpcGrpcClient.Heartbeat, StreamGrpc.toMsg(heartbeat))
        .map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<Void> reportCorrupt(ExtentId extent, ExtentNodeId node) {
    return call(StreamManagerRpcGrpcClient.ReportCorrupt, ReportCorruptRequest.newBuilder()
        .setExtentId(extent.value()).setNodeId(node.value()).build()).mapEmpty();
  }

  @Override
  public Future<StreamInfo> openStream(StreamId stream) {
    return call(StreamManagerRpcGrpcClient.OpenStream,
        OpenStreamRequest.newBuilder().setStreamId(stream.value()).build()).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength) {
    SealAndExtendRequest req = SealAndExtendRequest.newBuilder()
        .setStreamId(stream.value())
        .setExtentId(extent.value())
        .setSealedLength(sealedLength)
        .build();
    return call(StreamManagerRpcGrpcClient.SealAndExtend, req).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<StampStreams> describe() {
    return call(StreamManagerRpcGrpcClient.DescribeStreams, DescribeStreamsRequest.getDefaultInstance())
        .map(StreamGrpc::fromMsg);
  }
}
