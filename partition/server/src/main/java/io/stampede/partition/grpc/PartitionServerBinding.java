package io.stampede.partition.grpc;

import com.google.protobuf.ByteString;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.grpc.DataStream;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.DeleteObjectReply;
import io.stampede.proto.partition.GetObjectMessage;
import io.stampede.proto.partition.ObjectInfoMsg;
import io.stampede.proto.partition.PartitionServerRpcGrpcService;
import io.stampede.proto.partition.PutObjectMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.function.Function;

/**
 * Exposes a {@link PartitionApi} as PartitionServerRpc. PutObject reads a header message, then
 * data messages, passing the gRPC stream's flow control through to the body; GetObject answers a
 * head message, then data chunks of at most {@link PartitionGrpc#CHUNK_BYTES_MAX}, pausing the
 * body while the response's write queue is full.
 */
public final class PartitionServerBinding {
  private PartitionServerBinding() {}

  public static void bind(GrpcServer server, PartitionApi api) {
    server.callHandler(PartitionServerRpcGrpcService.PutObject, req -> putObject(req, api));
    server.callHandler(PartitionServerRpcGrpcService.GetObject, req -> req.handler(msg ->
        api.getObject(msg.getBucket(), msg.getKey(), PartitionProtos.fromMsg(msg.hasRange(), msg.getRange()))
            .onComplete(ar -> {
              if (ar.succeeded()) {
                sendObject(ar.result(), req.response());
              } else {
                req.response().fail(RpcErrors.toStatus(ar.cause()));
              }
            })));
    unary(server, PartitionServerRpcGrpcService.HeadObject,
        msg -> api.headObject(msg.getBucket(), msg.getKey()).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.DeleteObject,
        msg -> api.deleteObject(msg.getBucket(), msg.getKey()).map(DeleteObjectReply.getDefaultInstance()));
    unary(server, PartitionServerRpcGrpcService.ListObjects,
        msg -> api.listObjects(PartitionProtos.fromMsg(msg)).map(PartitionProtos::toMsg));
  }

  private static <Req, Resp> void unary(GrpcServer server, io.vertx.grpc.common.ServiceMethod<Req, Resp> method,
      Function<Req, Future<Resp>> call) {
    server.callHandler(method, req -> req.handler(msg -> RpcErrors.encode(call.apply(msg)).onComplete(ar -> {
      if (ar.succeeded()) {
        req.response().end(ar.result());
      } else {
        req.response().fail(ar.cause());
      }
    })));
  }

  private static void putObject(GrpcServerRequest<PutObjectMessage, ObjectInfoMsg> req, PartitionApi api) {
    req.handler(first -> {
      if (!first.hasHeader()) {
        req.response().fail(new StatusException(GrpcStatus.INVALID_ARGUMENT, "BAD_REQUEST|PutObject without header"));
        return;
      }
      req.pause();
      ReadStream<Buffer> body = new DataStream<>(req, m -> Buffer.buffer(m.getData().toByteArray()), () -> null, t -> t);
      body.handler(null);
      RpcErrors.encode(api.putObject(PartitionProtos.fromMsg(first.getHeader()), body)).onComplete(ar -> {
        if (ar.succeeded()) {
          req.response().end(PartitionProtos.toMsg(ar.result()));
        } else {
          req.response().fail(ar.cause());
        }
      });
    });
  }

  private static void sendObject(ObjectRead read, GrpcServerResponse<?, GetObjectMessage> response) {
    ReadStream<Buffer> body = read.body();
    response.write(GetObjectMessage.newBuilder().setHead(GetObjectMessage.Head.newBuilder()
        .setInfo(PartitionProtos.toMsg(read.info()))
        .setStart(read.span().start())
        .setEnd(read.span().end())
        .setPartial(read.partial())).build());
    response.drainHandler(v -> body.resume());
    response.exceptionHandler(t -> read.cancel());
    body.exceptionHandler(t -> response.fail(RpcErrors.toStatus(t)));
    body.endHandler(v -> response.end());
    body.handler(buf -> {
      for (int at = 0; at < buf.length(); at += PartitionGrpc.CHUNK_BYTES_MAX) {
        int end = Math.min(buf.length(), at + PartitionGrpc.CHUNK_BYTES_MAX);
        response.write(GetObjectMessage.newBuilder().setData(ByteString.copyFrom(buf.getBytes(at, end))).build());
      }
      if (response.writeQueueFull()) {
        body.pause();
      }
    });
  }
}
