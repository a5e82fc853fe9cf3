package io.stampede.stream.api.grpc;

import io.stampede.common.id.ExtentId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.common.rpc.RpcCodecs;
import io.stampede.proto.stream.AppendReply;
import io.stampede.proto.stream.AppendRequest;
import io.stampede.proto.stream.CopyExtentRequest;
import io.stampede.proto.stream.CreateExtentRequest;
import io.stampede.proto.stream.DeleteExtentRequest;
import io.stampede.proto.stream.ExtentLengthRequest;
import io.stampede.proto.stream.ExtentNodeRpcGrpcClient;
import io.stampede.proto.stream.ExtentNodeRpcGrpcService;
import io.stampede.proto.stream.ReadReply;
import io.stampede.proto.stream.ReadRequest;
import io.stampede.proto.stream.ReplicateRequest;
import io.stampede.proto.stream.SealExtentRequest;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.SealResult;
import io.stampede.stream.api.http.BlockTransferClient;
import io.stampede.stream.api.http.LocalReads;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.List;

/**
 * An extent node reached over gRPC. Every call has a deadline; failures are StreamExceptions.
 * Append, Replicate and Read carry blocks: they go through {@link RpcCodecs}, which shares the
 * blocks' bytes with the messages instead of copying them. Given a {@link BlockTransferClient},
 * single blocks read ({@link #readBlock}), appends and replica writes go over the data plane
 * instead; the batched reads of replays and copies stay on gRPC.
 */
public final class GrpcExtentNodeClient implements ExtentNodeApi {
  static final ServiceMethod<AppendReply, AppendRequest> APPEND = ServiceMethod.client(
      ExtentNodeRpcGrpcService.SERVICE_NAME, "Append", RpcCodecs.encoder(),
      GrpcMessageDecoder.decoder(AppendReply.newBuilder()));
  static final ServiceMethod<AppendReply, ReplicateRequest> REPLICATE = ServiceMethod.client(
      ExtentNodeRpcGrpcService.SERVICE_NAME, "Replicate", RpcCodecs.encoder(),
      GrpcMessageDecoder.decoder(AppendReply.newBuilder()));
  static final ServiceMethod<ReadReply, ReadRequest> READ = ServiceMethod.client(
      ExtentNodeRpcGrpcService.SERVICE_NAME, "Read", GrpcMessageEncoder.encoder(),
      RpcCodecs.decoder(ReadReply.parser()));
  /** A copy streams a whole extent, so it gets this many times the call deadline. */
  public static final int COPY_TIMEOUT_FACTOR = 30;

  private final GrpcClient client;
  private final BlockTransferClient blocks;
  private final LocalReads local;
  private final Endpoint endpoint;
  private final SocketAddress address;
  private final Duration timeout;
  private final Duration copyTimeout;

  /** {@code blocks} moves blocks (reads of one block, appends, replica writes) over the data plane; null: over gRPC. */
  public GrpcExtentNodeClient(GrpcClient client, BlockTransferClient blocks, Endpoint endpoint, Duration timeout) {
    this(client, blocks, null, endpoint, timeout);
  }

  /** As above, single blocks read from the node's files when it is on this host, if {@code local} is given. */
  public GrpcExtentNodeClient(GrpcClient client, BlockTransferClient blocks, LocalReads local, Endpoint endpoint,
      Duration timeout) {
    this.client = client;
    this.blocks = blocks;
    this.local = blocks == null ? null : local;
    this.endpoint = endpoint;
    this.address = StreamGrpc.address(endpoint);
    this.timeout = timeout;
    this.copyTimeout = timeout.multipliedBy(COPY_TIMEOUT_FACTOR);
  }

  private <Req, Resp> Future<Resp> call(ServiceMethod<Resp, Req> method, Req request) {
    return StreamGrpc.translated(RpcCalls.unary(client, address, method, request, timeout));
  }

  @Override
  public Future<Void> createExtent(ExtentInfo extent, long epoch) {
    return call(ExtentNodeRpcGrpcClient.CreateExtent, CreateExtentRequest.newBuilder()
        .setExtent(StreamGrpc.toMsg(extent)).setEpoch(epoch).build()).mapEmpty();
  }

  @Override
  public Future<AppendResult> append(ExtentId extent, long epoch, List<Buffer> blocks) {
    if (this.blocks != null) {
      return this.blocks.write(endpoint, extent, epoch, -1, blocks);
    }
    AppendRequest req = AppendRequest.newBuilder()
        .setExtentId(extent.value())
        .setEpoch(epoch)
        .addAllBlocks(StreamGrpc.bytes(blocks))
        .build();
    return call(APPEND, req).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<AppendResult> replicate(ExtentId extent, long epoch, long offset, List<Buffer> blocks) {
    if (this.blocks != null) {
      return this.blocks.write(endpoint, extent, epoch, offset, blocks);
    }
    ReplicateRequest req = ReplicateRequest.newBuilder()
        .setExtentId(extent.value())
        .setEpoch(epoch)
        .setOffset(offset)
        .addAllBlocks(StreamGrpc.bytes(blocks))
        .build();
    return call(REPLICATE, req).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<ReadResult> read(ExtentId extent, long offset, int maxBytes) {
    ReadRequest req = ReadRequest.newBuilder()
        .setExtentId(extent.value())
        .setOffset(offset)
        .setMaxBytes(maxBytes)
        .build();
    return call(READ, req).map(StreamGrpc::fromMsg);
  }

  @Override
  public Future<Buffer> readBlock(ExtentPointer pointer) {
    if (local != null) {
      return local.read(endpoint, pointer);
    }
    return blocks == null ? ExtentNodeApi.super.readBlock(pointer) : blocks.read(endpoint, pointer);
  }

  @Override
  public Future<SealResult> seal(ExtentId extent, long epoch, long length) {
    SealExtentRequest req = SealExtentRequest.newBuilder()
        .setExtentId(extent.value()).setEpoch(epoch).setLength(length).build();
    return call(ExtentNodeRpcGrpcClient.SealExtent, req)
        .map(r -> new SealResult(r.getLength(), r.getTailCut()));
  }

  @Override
  public Future<Long> length(ExtentId extent) {
    ExtentLengthRequest req = ExtentLengthRequest.newBuilder().setExtentId(extent.value()).build();
    return call(ExtentNodeRpcGrpcClient.ExtentLength, req).map(r -> r.getLength());
  }

  @Override
  public Future<Void> copyExtent(ExtentInfo extent, long length, ExtentNodeInfo source) {
    CopyExtentRequest req = CopyExtentRequest.newBuilder()
        .setExtent(StreamGrpc.toMsg(extent))
        .setLength(length)
        .setSource(StreamGrpc.toMsg(source))
        .build();
    return StreamGrpc.translated(RpcCalls.unary(client, address, ExtentNodeRpcGrpcClient.CopyExtent,
        req, copyTimeout)).mapEmpty();
  }

  @Override
  public Future<Void> deleteExtent(ExtentId extent) {
    return call(ExtentNodeRpcGrpcClient.DeleteExtent,
        DeleteExtentRequest.newBuilder().setExtentId(extent.value()).build()).mapEmpty();
  }
}
