package io.stampede.stream.grpc;

import static io.stampede.stream.grpc.ExtentNodeRpcBinding.serve;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.proto.stream.DeleteStreamReply;
import io.stampede.proto.stream.DeleteStreamRequest;
import io.stampede.proto.stream.DescribeStreamsReply;
import io.stampede.proto.stream.DescribeStreamsRequest;
import io.stampede.proto.stream.ClaimStreamRequest;
import io.stampede.proto.stream.DescribeStreamRequest;
import io.stampede.proto.stream.OpenStreamRequest;
import io.stampede.proto.stream.HeartbeatReply;
import io.stampede.proto.stream.HeartbeatRequest;
import io.stampede.proto.stream.ReportCorruptReply;
import io.stampede.proto.stream.ReportCorruptRequest;
import io.stampede.proto.stream.DropExtentsRequest;
import io.stampede.proto.stream.SealAndExtendRequest;
import io.stampede.proto.stream.StreamManagerRpcGrpcService;
import io.stampede.proto.stream.StreamMsg;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.vertx.core.Future;

/** Serves a {@link StreamManagerApi} over gRPC. */
public final class StreamManagerRpcBinding extends StreamManagerRpcGrpcService {
  private final StreamManagerApi manager;

  public StreamManagerRpcBinding(StreamManagerApi manager) {
    this.manager = manager;
  }

  @Override
  public Future<HeartbeatReply> heartbeat(HeartbeatRequest request) {
    return serve(() -> manager.heartbeat(StreamGrpc.fromMsg(request)).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<ReportCorruptReply> reportCorrupt(ReportCorruptRequest request) {
    return serve(() -> manager.reportCorrupt(ExtentId.of(request.getExtentId()),
        ExtentNodeId.of(request.getNodeId())).map(v -> ReportCorruptReply.getDefaultInstance()));
  }

  @Override
  public Future<StreamMsg> claimStream(ClaimStreamRequest request) {
    return serve(() -> manager.claimStream(StreamId.of(request.getStreamId())).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<StreamMsg> openStream(OpenStreamRequest request) {
    return serve(() -> manager.openStream(StreamId.of(request.getStreamId()), request.getEpoch())
        .map(StreamGrpc::toMsg));
  }

  @Override
  public Future<StreamMsg> describeStream(DescribeStreamRequest request) {
    return serve(() -> manager.describeStream(StreamId.of(request.getStreamId())).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<StreamMsg> sealAndExtend(SealAndExtendRequest request) {
    return serve(() -> manager.sealAndExtend(StreamId.of(request.getStreamId()),
        ExtentId.of(request.getExtentId()), request.getSealedLength(), request.getEpoch())
        .map(StreamGrpc::toMsg));
  }

  @Override
  public Future<StreamMsg> dropExtents(DropExtentsRequest request) {
    return serve(() -> manager.dropExtents(StreamId.of(request.getStreamId()),
        request.getExtentIdsList().stream().map(ExtentId::of).toList(), request.getEpoch())
        .map(StreamGrpc::toMsg));
  }

  @Override
  public Future<DeleteStreamReply> deleteStream(DeleteStreamRequest request) {
    return serve(() -> manager.deleteStream(StreamId.of(request.getStreamId()))
        .map(v -> DeleteStreamReply.getDefaultInstance()));
  }

  @Override
  public Future<DescribeStreamsReply> describeStreams(DescribeStreamsRequest request) {
    return serve(() -> manager.describe().map(StreamGrpc::toMsg));
  }
}
