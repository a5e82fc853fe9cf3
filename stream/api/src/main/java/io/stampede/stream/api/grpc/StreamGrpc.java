package io.stampede.stream.api.grpc;

import io.stampede.common.rpc.RpcTransport;
import com.google.protobuf.ByteString;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.proto.stream.AppendReply;
import io.stampede.proto.stream.BlockMsg;
import io.stampede.proto.stream.DescribeStreamsReply;
import io.stampede.proto.stream.HeartbeatReply;
import io.stampede.proto.stream.HeartbeatRequest;
import io.stampede.proto.stream.NodeStatusMsg;
import io.stampede.proto.stream.ReplicaReportMsg;
import io.stampede.proto.stream.SealExtentRequest;
import io.stampede.proto.stream.ExtentMsg;
import io.stampede.proto.stream.ExtentNodeMsg;
import io.stampede.proto.stream.ReadReply;
import io.stampede.proto.stream.StreamMsg;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.Block;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.ReplicaReport;
import io.stampede.stream.api.StreamManagerApi.NodeStatus;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.server.GrpcServerOptions;
import java.util.List;

/** Conversions between stream-layer records and protobuf messages, and gRPC plumbing. */
public final class StreamGrpc {
  /** Largest gRPC message either side accepts: a 4 MiB batch plus framing fits comfortably. */
  public static final int MESSAGE_BYTES_MAX = 8 * 1024 * 1024;

  private StreamGrpc() {}

  /** A gRPC client with the stream layer's message bound and automatic deadlines. */
  public static GrpcClient client(Vertx vertx) {
    return GrpcClient.client(vertx, new GrpcClientOptions()
        .setMaxMessageSize(MESSAGE_BYTES_MAX)
        .setScheduleDeadlineAutomatically(true), RpcTransport.clientOptions());
  }

  public static GrpcServerOptions serverOptions() {
    return new GrpcServerOptions()
        .setMaxMessageSize(MESSAGE_BYTES_MAX)
        .setScheduleDeadlineAutomatically(true);
  }

  public static SocketAddress address(Endpoint endpoint) {
    return SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host());
  }

  /** Maps any failure of a call to a {@link StreamException}. */
  public static Throwable failure(Throwable t) {
    return StreamException.of(t);
  }

  /** A future that fails with a {@link StreamException} whenever {@code call} fails. */
  public static <T> Future<T> translated(Future<T> call) {
    return call.recover(t -> Future.failedFuture(failure(t)));
  }

  public static ExtentNodeMsg toMsg(ExtentNodeInfo node) {
    return ExtentNodeMsg.newBuilder()
        .setNodeId(node.id().value())
        .setRackId(node.rack().value())
        .setHost(node.endpoint().host())
        .setPort(node.endpoint().port())
        .build();
  }

  public static ExtentNodeInfo fromMsg(ExtentNodeMsg m) {
    return new ExtentNodeInfo(ExtentNodeId.of(m.getNodeId()), RackId.of(m.getRackId()),
        Endpoint.of(m.getHost(), m.getPort()));
  }

  public static ExtentMsg toMsg(ExtentInfo e) {
    return ExtentMsg.newBuilder()
        .setExtentId(e.id().value())
        .addAllReplicas(e.replicas().stream().map(StreamGrpc::toMsg).toList())
        .setSealed(e.sealed())
        .setSealedLength(e.sealedLength())
        .build();
  }

  public static ExtentInfo fromMsg(ExtentMsg m) {
    return new ExtentInfo(ExtentId.of(m.getExtentId()),
        m.getReplicasList().stream().map(StreamGrpc::fromMsg).toList(), m.getSealed(),
        m.getSealedLength());
  }

  public static StreamMsg toMsg(StreamInfo s) {
    return StreamMsg.newBuilder()
        .setStreamId(s.id().value())
        .setEpoch(s.epoch())
        .addAllExtents(s.extents().stream().map(StreamGrpc::toMsg).toList())
        .build();
  }

  public static StreamInfo fromMsg(StreamMsg m) {
    return new StreamInfo(StreamId.of(m.getStreamId()), m.getEpoch(),
        m.getExtentsList().stream().map(StreamGrpc::fromMsg).toList());
  }

  public static AppendReply toMsg(AppendResult r) {
    return AppendReply.newBuilder().addAllOffsets(r.offsets()).setExtentLength(r.extentLength()).build();
  }

  public static AppendResult fromMsg(AppendReply m) {
    return new AppendResult(m.getOffsetsList(), m.getExtentLength());
  }

  public static ReadReply toMsg(ReadResult r) {
    ReadReply.Builder b = ReadReply.newBuilder()
        .setNextOffset(r.nextOffset())
        .setExtentLength(r.extentLength());
    for (Block block : r.blocks()) {
      b.addBlocks(BlockMsg.newBuilder().setOffset(block.offset()).setData(bytes(block.data())));
    }
    return b.build();
  }

  public static ReadResult fromMsg(ReadReply m) {
    List<Block> blocks = m.getBlocksList().stream()
        .map(b -> new Block(b.getOffset(), buffer(b.getData())))
        .toList();
    return new ReadResult(blocks, m.getNextOffset(), m.getExtentLength());
  }

  public static HeartbeatRequest toMsg(NodeHeartbeat h) {
    HeartbeatRequest.Builder b = HeartbeatRequest.newBuilder()
        .setNode(toMsg(h.node())).setFreeBytes(h.freeBytes());
    for (ReplicaReport r : h.replicas()) {
      b.addReplicas(ReplicaReportMsg.newBuilder().setExtentId(r.extent().value())
          .setLength(r.length()).setSealed(r.sealed()));
    }
    return b.build();
  }

  public static NodeHeartbeat fromMsg(HeartbeatRequest m) {
    return new NodeHeartbeat(fromMsg(m.getNode()), m.getFreeBytes(), m.getReplicasList().stream()
        .map(r -> new ReplicaReport(ExtentId.of(r.getExtentId()), r.getLength(), r.getSealed()))
        .toList());
  }

  public static HeartbeatReply toMsg(io.stampede.stream.api.HeartbeatReply r) {
    HeartbeatReply.Builder b = HeartbeatReply.newBuilder();
    r.deletes().forEach(e -> b.addDeleteExtentIds(e.value()));
    r.seals().forEach(s -> b.addSeal(SealExtentRequest.newBuilder()
        .setExtentId(s.extent().value()).setEpoch(s.epoch()).setLength(s.length())));
    return b.build();
  }

  public static io.stampede.stream.api.HeartbeatReply fromMsg(HeartbeatReply m) {
    return new io.stampede.stream.api.HeartbeatReply(
        m.getDeleteExtentIdsList().stream().map(ExtentId::of).toList(),
        m.getSealList().stream().map(s -> new io.stampede.stream.api.HeartbeatReply.Seal(
            ExtentId.of(s.getExtentId()), s.getEpoch(), s.getLength())).toList());
  }

  public static DescribeStreamsReply toMsg(StampStreams all) {
    DescribeStreamsReply.Builder b = DescribeStreamsReply.newBuilder()
        .setUnderReplicated(all.underReplicated());
    for (NodeStatus n : all.nodes()) {
      b.addNodes(NodeStatusMsg.newBuilder().setNode(toMsg(n.node())).setAlive(n.alive())
          .setFreeBytes(n.freeBytes()).setReplicas(n.replicas()).setReplicaBytes(n.replicaBytes()));
    }
    all.streams().forEach(s -> b.addStreams(toMsg(s)));
    return b.build();
  }

  public static StampStreams fromMsg(DescribeStreamsReply m) {
    return new StampStreams(
        m.getNodesList().stream().map(n -> new NodeStatus(fromMsg(n.getNode()), n.getAlive(),
            n.getFreeBytes(), n.getReplicas(), n.getReplicaBytes())).toList(),
        m.getStreamsList().stream().map(StreamGrpc::fromMsg).toList(), m.getUnderReplicated());
  }

  /** The bytes of a block as a message field, shared rather than copied ({@link RpcBytes}). */
  public static ByteString bytes(Buffer buffer) {
    return RpcBytes.wrap(buffer);
  }

  public static List<ByteString> bytes(List<Buffer> buffers) {
    return buffers.stream().map(StreamGrpc::bytes).toList();
  }

  /** A block of a message as a read-only buffer, shared rather than copied ({@link RpcBytes}). */
  public static Buffer buffer(ByteString bytes) {
    return RpcBytes.wrap(bytes);
  }

  public static List<Buffer> buffers(List<ByteString> bytes) {
    return bytes.stream().map(StreamGrpc::buffer).toList();
  }
}
