package io.stampede.stream.api.grpc;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.proto.stream.DeleteStreamRequest;
import io.stampede.proto.stream.DescribeStreamsRequest;
import io.stampede.proto.stream.ClaimStreamRequest;
import io.stampede.proto.stream.DescribeStreamRequest;
import io.stampede.proto.stream.OpenStreamRequest;
import io.stampede.proto.stream.ReportCorruptRequest;
import io.stampede.proto.stream.DropExtentsRequest;
import io.stampede.proto.stream.SealAndExtendRequest;
import io.stampede.proto.stream.StreamManagerRpcGrpcClient;
import io.stampede.stream.api.HeartbeatReply;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.List;

/**
 * The stream manager reached over gRPC, given every peer's endpoint. A call goes to the peer that
 * answered last (the leader then); a peer that is down, or a follower (it answers
 * {@link StreamErrorCode#UNAVAILABLE}: not the leader), makes the call move on to the next peer,
 * each peer tried at most once per call. Every manager operation is idempotent, so trying again
 * is safe. Every call has a deadline; failures are StreamExceptions.
 */
public final class GrpcStreamManagerClient implements StreamManagerApi {
  private final GrpcClient client;
  private final List<SocketAddress> peers;
  private final Duration timeout;
  private volatile int leader;

  public GrpcStreamManagerClient(GrpcClient client, List<Endpoint> peers, Duration timeout) {
    if (peers.isEmpty()) {
      throw new IllegalArgumentException("no stream manager endpoint");
    }
    this.client = client;
    this.peers = peers.stream().map(StreamGrpc::address).toList();
    this.timeout = timeout;
  }

  /** Index (in the endpoint list) of the peer that answered last. */
  public int lastLeader() {
    return leader;
  }

  private <Req, Resp> Future<Resp> call(ServiceMethod<Resp, Req> method, Req request) {
    return call(method, request, leader, 0);
  }

  private <Req, Resp> Future<Resp> call(ServiceMethod<Resp, Req> method, Req request, int peer,
      int tried) {
    return StreamGrpc.translated(RpcCalls.unary(client, peers.get(peer), method, request, timeout))
        .onSuccess(r -> leader = peer)
        .recover(t -> tried + 1 < peers.size() && failsOver(t)
            ? call(method, request, (peer + 1) % peers.size(), tried + 1)
            : Future.failedFuture(t));
  }

  private static boolean failsOver(Throwable t) {
    return t instanceof StreamException e && e.code() == StreamErrorCode.UNAVAILABLE;
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
  public Future<StreamInfo> claimStream(StreamId stream) {
    return call(StreamManagerRpcGrpcClient.ClaimStream,
        ClaimStreamRequest.newBuilder().setStreamId(stream.value()).build()).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<StreamInfo> openStream(StreamId stream, long epoch) {
    return call(StreamManagerRpcGrpcClient.OpenStream, OpenStreamRequest.newBuilder()
        .setStreamId(stream.value()).setEpoch(epoch).build()).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<StreamInfo> describeStream(StreamId stream) {
    return call(StreamManagerRpcGrpcClient.DescribeStream,
        DescribeStreamRequest.newBuilder().setStreamId(stream.value()).build()).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength, long epoch) {
    SealAndExtendRequest req = SealAndExtendRequest.newBuilder()
        .setStreamId(stream.value())
        .setExtentId(extent.value())
        .setSealedLength(sealedLength)
        .setEpoch(epoch)
        .build();
    return call(StreamManagerRpcGrpcClient.SealAndExtend, req).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<StreamInfo> dropExtents(StreamId stream, List<ExtentId> extents, long epoch) {
    DropExtentsRequest req = DropExtentsRequest.newBuilder()
        .setStreamId(stream.value())
        .addAllExtentIds(extents.stream().map(ExtentId::value).toList())
        .setEpoch(epoch)
        .build();
    return call(StreamManagerRpcGrpcClient.DropExtents, req).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<Void> deleteStream(StreamId stream) {
    return call(StreamManagerRpcGrpcClient.DeleteStream,
        DeleteStreamRequest.newBuilder().setStreamId(stream.value()).build()).mapEmpty();
  }

  @Override
  public Future<StampStreams> describe() {
    return call(StreamManagerRpcGrpcClient.DescribeStreams, DescribeStreamsRequest.getDefaultInstance())
        .map(StreamGrpc::fromMsg);
  }
}
