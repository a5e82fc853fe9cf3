package io.stampede.stream.grpc;

import io.stampede.common.id.ExtentId;
import io.stampede.common.rpc.RpcCodecs;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.proto.stream.AppendReply;
import io.stampede.proto.stream.AppendRequest;
import io.stampede.proto.stream.CopyExtentReply;
import io.stampede.proto.stream.CopyExtentRequest;
import io.stampede.proto.stream.CreateExtentReply;
import io.stampede.proto.stream.CreateExtentRequest;
import io.stampede.proto.stream.DeleteExtentReply;
import io.stampede.proto.stream.DeleteExtentRequest;
import io.stampede.proto.stream.ExtentLengthReply;
import io.stampede.proto.stream.ExtentLengthRequest;
import io.stampede.proto.stream.ExtentNodeRpcGrpcService;
import io.stampede.proto.stream.ReadReply;
import io.stampede.proto.stream.ReadRequest;
import io.stampede.proto.stream.ReplicateRequest;
import io.stampede.proto.stream.SealExtentReply;
import io.stampede.proto.stream.SealExtentRequest;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.GrpcServer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves an {@link ExtentNodeApi} over gRPC. Append, Replicate and Read carry blocks: {@link #bind}
 * serves them through {@link RpcCodecs} (blocks share the received frame, replies are not copied
 * again) in place of the generated handlers.
 */
public final class ExtentNodeRpcBinding extends ExtentNodeRpcGrpcService {
  private static final ServiceMethod<AppendRequest, AppendReply> APPEND = ServiceMethod.server(
      SERVICE_NAME, "Append", GrpcMessageEncoder.encoder(), RpcCodecs.decoder(AppendRequest.parser()));
  private static final ServiceMethod<ReplicateRequest, AppendReply> REPLICATE = ServiceMethod.server(
      SERVICE_NAME, "Replicate", GrpcMessageEncoder.encoder(), RpcCodecs.decoder(ReplicateRequest.parser()));
  private static final ServiceMethod<ReadRequest, ReadReply> READ = ServiceMethod.server(
      SERVICE_NAME, "Read", RpcCodecs.encoder(), GrpcMessageDecoder.decoder(ReadRequest.newBuilder()));

  private final ExtentNodeApi node;

  public ExtentNodeRpcBinding(ExtentNodeApi node) {
    this.node = node;
  }

  /** Serves {@code node} on {@code server}: the generated handlers but for the block-carrying calls. */
  public static void bind(GrpcServer server, ExtentNodeApi node) {
    ExtentNodeRpcBinding binding = new ExtentNodeRpcBinding(node);
    server.addService(builder(binding).bind(CreateExtent, CopyExtent, DeleteExtent, SealExtent, ExtentLength).build());
    unary(server, APPEND, binding::append);
    unary(server, REPLICATE, binding::replicate);
    unary(server, READ, binding::read);
  }

  private static <Req, Resp> void unary(GrpcServer server, ServiceMethod<Req, Resp> method,
      Function<Req, Future<Resp>> call) {
    server.callHandler(method, req -> req.handler(msg -> call.apply(msg).onComplete(ar -> {
      if (ar.succeeded()) {
        req.response().end(ar.result());
      } else {
        req.response().fail(ar.cause());
      }
    })));
  }

  @Override
  public Future<CreateExtentReply> createExtent(CreateExtentRequest request) {
    return serve(() -> node.createExtent(StreamGrpc.fromMsg(request.getExtent()), request.getEpoch())
        .map(v -> CreateExtentReply.getDefaultInstance()));
  }

  @Override
  public Future<AppendReply> append(AppendRequest request) {
    return serve(() -> node.append(ExtentId.of(request.getExtentId()), request.getEpoch(),
        StreamGrpc.buffers(request.getBlocksList())).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<AppendReply> replicate(ReplicateRequest request) {
    return serve(() -> node.replicate(ExtentId.of(request.getExtentId()), request.getEpoch(),
        request.getOffset(),
        StreamGrpc.buffers(request.getBlocksList())).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<ReadReply> read(ReadRequest request) {
    return serve(() -> node.read(ExtentId.of(request.getExtentId()), request.getOffset(),
        request.getMaxBytes()).map(StreamGrpc::toMsg));
  }

  @Override
  public Future<SealExtentReply> sealExtent(SealExtentRequest request) {
    return serve(() -> node.seal(ExtentId.of(request.getExtentId()), request.getEpoch(),
        request.getLength()).map(r -> SealExtentReply.newBuilder().setLength(r.length())
        .setTailCut(r.tailCut()).build()));
  }

  @Override
  public Future<ExtentLengthReply> extentLength(ExtentLengthRequest request) {
    return serve(() -> node.length(ExtentId.of(request.getExtentId()))
        .map(len -> ExtentLengthReply.newBuilder().setLength(len).build()));
  }

  @Override
  public Future<CopyExtentReply> copyExtent(CopyExtentRequest request) {
    return serve(() -> node.copyExtent(StreamGrpc.fromMsg(request.getExtent()), request.getLength(),
        StreamGrpc.fromMsg(request.getSource())).map(v -> CopyExtentReply.getDefaultInstance()));
  }

  @Override
  public Future<DeleteExtentReply> deleteExtent(DeleteExtentRequest request) {
    return serve(() -> node.deleteExtent(ExtentId.of(request.getExtentId()))
        .map(v -> DeleteExtentReply.getDefaultInstance()));
  }

  /** Runs a call, turning a bad request (e.g. an invalid id) into a failed future too. */
  static <T> Future<T> serve(Supplier<Future<T>> call) {
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return RpcErrors.encode(result);
  }
}
