package io.stampede.stream.grpc;

import static io.stampede.stream.grpc.ExtentNodeRpcBinding.serve;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.proto.stream.DescribeStreamsReply;
import io.stampede.proto.stream.DescribeStreamsRequest;
import io.stampede.proto.stream.OpenStreamRequest;
import io.stampede.proto.stream.RegisterExtentNodeReply;
import io.stampede.proto.stream.RegisterExtentNodeRequest;
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
  public Future<RegisterExtentNodeReply> registerExtentNode(RegisterExtentNodeRequest request) {
    return serve(() -> manager.registerExtentNode(StreamGrpc.fromMsg(request.getNode()))
        .map(v -> RegisterExtentNodeReply.getDefaultInstance()));
  }

  @Override
  public Future<StreamMsg> openStream(OpenStreamRequest request) {
    return serve(() -> manager.openStream(StreamId.of(request.getStreamId())).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<StreamMsg> sealAndExtend(SealAndExtendRequest request) {
    return serve(() -> manager.sealAndExtend(StreamId.of(request.getStreamId()),
        ExtentId.of(request.getExtentId()), request.getSealedLength()).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<DescribeStreamsReply> describeStreams(DescribeStreamsRequest request) {
    return serve(() -> manager.describe().map(all -> DescribeStreamsReply.newBuilder()
        .addAllNodes(all.nodes().stream().map(StreamGrpc::toMsg).toList())
        .addAllStreams(all.streams().stream().map(StreamGrpc::toMsg).toList())
        .build()));
  }
}
