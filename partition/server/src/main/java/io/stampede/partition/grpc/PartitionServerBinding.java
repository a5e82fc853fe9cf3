package io.stampede.partition.grpc;

import io.stampede.common.id.ExtentId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.blob.BlobBlocks;
import io.stampede.partition.api.blob.BlobReadStream;
import io.stampede.partition.api.grpc.BlobBlocksCodec;
import io.stampede.partition.api.grpc.DataStream;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.partition.api.http.ObjectTransfer;
import io.stampede.proto.partition.AbortUploadReply;
import io.stampede.proto.partition.BucketRangeReply;
import io.stampede.proto.partition.DeleteObjectReply;
import io.stampede.proto.partition.ObjectPartsReply;
import io.stampede.partition.api.ObjectRef;
import io.stampede.proto.partition.GetObjectMessage;
import io.stampede.proto.partition.ObjectInfoMsg;
import io.stampede.proto.partition.ObjectPartMsg;
import io.stampede.proto.partition.PartitionServerRpcGrpcService;
import io.stampede.proto.partition.PutObjectMessage;
import io.stampede.stream.api.ExtentPointer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exposes a {@link PartitionApi} as PartitionServerRpc, and its uploads on the data plane too
 * ({@link UploadHandler}). PutObject reads a header message, then
 * data messages, passing the gRPC stream's flow control through to the body; GetObject answers a
 * head message, then data chunks of at most {@link PartitionGrpc#CHUNK_BYTES_MAX}, pausing the
 * body while the response's write queue is full. A call that throws instead of failing its future
 * (a message the service refuses as an argument) is answered BAD_REQUEST for an
 * IllegalArgumentException, INTERNAL for anything else: every call gets a reply.
 */
public final class PartitionServerBinding {
  private static final Logger log = LoggerFactory.getLogger(PartitionServerBinding.class);

  private PartitionServerBinding() {}

  /** Spans at least this long go to a reader that asked for direct reads as where their blocks are. */
  public static final long DIRECT_BYTES_MIN = 256 * 1024;

  /**
   * Serves {@code api} as {@link #bind(GrpcServer, PartitionApi, Function)} does, but GetObject
   * answers with bytes only, never with where blocks are.
   */
  public static Handler<HttpServerRequest> bind(GrpcServer server, PartitionApi api) {
    return bind(server, api, extent -> Future.failedFuture("no direct reads"));
  }

  /**
   * Serves {@code api}. A GetObject that asks for direct reads, of a span of at least
   * {@link #DIRECT_BYTES_MIN}, is answered with the span's blocks and where {@code replicas} says
   * their extents are ({@link BlobBlocks}), and no bytes; when a block cannot be placed, with the
   * bytes as always. Returns the handler of the server's HTTP requests: uploads on the data plane
   * ({@link UploadHandler}), everything else to {@code server}.
   */
  public static Handler<HttpServerRequest> bind(GrpcServer server, PartitionApi api,
      Function<ExtentId, Future<List<Endpoint>>> replicas) {
    server.callHandler(PartitionServerRpcGrpcService.PutObject, req -> upload(req, first -> putCall(api, first)));
    server.callHandler(PartitionServerRpcGrpcService.UploadPart, req -> upload(req, first -> partCall(api, first)));
    server.callHandler(PartitionServerRpcGrpcService.GetObject, req -> req.handler(msg ->
        guarded(() -> api.getObject(new ObjectRef(msg.getBucket(), msg.getKey(), msg.getVersionId(),
                msg.getPartNumber()), PartitionProtos.fromMsg(msg.hasRange(), msg.getRange())))
            .onComplete(ar -> {
              if (ar.succeeded() && msg.getDirect()) {
                sendBlocksOrObject(ar.result(), req, req.response(), replicas);
              } else if (ar.succeeded()) {
                sendObject(ar.result(), req, req.response());
              } else {
                req.response().fail(RpcErrors.toStatus(ar.cause()));
              }
            })));
    unary(server, PartitionServerRpcGrpcService.HeadObject,
        msg -> api.headObject(PartitionProtos.fromMsg(msg)).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.DeleteObject,
        msg -> api.deleteObject(PartitionProtos.fromMsg(msg)).map(r -> DeleteObjectReply.newBuilder()
            .setVersionId(r.versionId()).setDeleteMarker(r.deleteMarker()).build()));
    unary(server, PartitionServerRpcGrpcService.ListObjects,
        msg -> api.listObjects(PartitionProtos.fromMsg(msg)).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.ListObjectVersions,
        msg -> api.listObjectVersions(PartitionProtos.fromMsg(msg)).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.SetTags,
        msg -> api.setTags(PartitionProtos.fromMsg(msg.getObject()), msg.getTagsMap()).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.ObjectParts,
        msg -> api.objectParts(PartitionProtos.fromMsg(msg)).map(parts -> {
          ObjectPartsReply.Builder b = ObjectPartsReply.newBuilder();
          parts.forEach(p -> b.addParts(PartitionProtos.toMsg(p)));
          return b.build();
        }));
    unary(server, PartitionServerRpcGrpcService.CreateUpload,
        msg -> api.createUpload(PartitionProtos.fromMsg(msg)).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.CompleteUpload,
        msg -> api.completeUpload(PartitionProtos.fromMsg(msg)).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.AbortUpload,
        msg -> api.abortUpload(PartitionProtos.fromMsg(msg)).map(AbortUploadReply.getDefaultInstance()));
    unary(server, PartitionServerRpcGrpcService.ListParts,
        msg -> api.listParts(PartitionProtos.fromMsg(msg.getUpload()),
                nonNegative("part number marker", msg.getPartNumberMarker()), nonNegative("max parts", msg.getMaxParts()))
            .map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.ListUploads,
        msg -> api.listUploads(PartitionProtos.fromMsg(msg)).map(PartitionProtos::toMsg));
    unary(server, PartitionServerRpcGrpcService.CloseBucket, msg -> api.closeBucket(msg.getBucket(), msg.getFrom())
        .map(high -> BucketRangeReply.newBuilder().setRangeHigh(high).build()));
    unary(server, PartitionServerRpcGrpcService.ReopenBucket, msg -> api.reopenBucket(msg.getBucket(), msg.getFrom())
        .map(high -> BucketRangeReply.newBuilder().setRangeHigh(high).build()));
    UploadHandler uploads = new UploadHandler(api);
    return request -> {
      if (ObjectTransfer.isUploadPath(request.path()) && request.method() == HttpMethod.POST) {
        uploads.handle(request);
      } else {
        server.handle(request);
      }
    };
  }

  private static <Req, Resp> void unary(GrpcServer server, io.vertx.grpc.common.ServiceMethod<Req, Resp> method,
      Function<Req, Future<Resp>> call) {
    server.callHandler(method, req -> req.handler(msg ->
        RpcErrors.encode(guarded(() -> call.apply(msg))).onComplete(ar -> {
          if (ar.succeeded()) {
            req.response().end(ar.result());
          } else {
            req.response().fail(ar.cause());
          }
        })));
  }

  /**
   * A client-streaming upload: {@code start} maps the first message (the header) to the call
   * that consumes the body, or null when the first message is not the expected header.
   */
  /** The PutObject that {@code first} heads, taking its body; null when it heads none. */
  static Function<ReadStream<Buffer>, Future<ObjectInfoMsg>> putCall(PartitionApi api, PutObjectMessage first) {
    return first.hasHeader()
        ? body -> api.putObject(PartitionProtos.fromMsg(first.getHeader()), body).map(PartitionProtos::toMsg)
        : null;
  }

  /** The UploadPart that {@code first} heads, taking its body; null when it heads none. */
  static Function<ReadStream<Buffer>, Future<ObjectPartMsg>> partCall(PartitionApi api, PutObjectMessage first) {
    return first.hasPartHeader()
        ? body -> api.uploadPart(PartitionProtos.fromMsg(first.getPartHeader()), body).map(PartitionProtos::toMsg)
        : null;
  }

  private static <R> void upload(GrpcServerRequest<PutObjectMessage, R> req,
      Function<PutObjectMessage, Function<ReadStream<Buffer>, Future<R>>> start) {
    req.handler(first -> {
      Function<ReadStream<Buffer>, Future<R>> call = start.apply(first);
      if (call == null) {
        req.response().fail(new StatusException(GrpcStatus.INVALID_ARGUMENT, "BAD_REQUEST|upload without header"));
        return;
      }
      req.pause();
      // Headers go out once the range starts reading the body: until then the sender holds the
      // body back, so a call refused first (NOT_SERVING, SLOW_DOWN) can be retried elsewhere.
      ReadStream<Buffer> body = new DataStream<>(req, m -> RpcBytes.wrap(m.getData()), () -> null, t -> t)
          .onFirstRead(() -> req.response().writeHead());
      body.handler(null);
      RpcErrors.encode(guarded(() -> call.apply(body))).onComplete(ar -> {
        if (ar.succeeded()) {
          req.response().end(ar.result());
        } else {
          req.response().fail(ar.cause());
        }
      });
    });
  }

  /**
   * Runs {@code call}; one that throws (an argument it refuses, a bug) fails BAD_REQUEST for an
   * IllegalArgumentException, INTERNAL for anything else, instead of leaving the call unanswered.
   */
  static <T> Future<T> guarded(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.BAD_REQUEST, String.valueOf(e.getMessage())));
    } catch (RuntimeException e) {
      log.warn("PartitionServerBinding: a call threw instead of failing its future", e);
      return Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL, e.toString(), e));
    }
  }

  private static int nonNegative(String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
    return value;
  }

  /** Where the span's blocks are, if it is a large span of a blob whose extents all place; else its bytes. */
  private static void sendBlocksOrObject(ObjectRead read, GrpcServerRequest<?, GetObjectMessage> request,
      GrpcServerResponse<?, GetObjectMessage> response, Function<ExtentId, Future<List<Endpoint>>> replicas) {
    if (!(read.body() instanceof BlobReadStream blob) || read.span().length() < DIRECT_BYTES_MIN) {
      sendObject(read, request, response);
      return;
    }
    List<ExtentPointer> blocks = blob.spanBlocks();
    List<ExtentId> extents = blocks.stream().map(ExtentPointer::extent).distinct().toList();
    Future.all(extents.stream().map(replicas).toList()).onComplete(placed -> {
      if (placed.failed()) {
        sendObject(read, request, response);
        return;
      }
      Map<ExtentId, List<Endpoint>> where = new HashMap<>();
      for (int i = 0; i < extents.size(); i++) {
        where.put(extents.get(i), placed.result().resultAt(i));
      }
      read.cancel();
      response.end(GetObjectMessage.newBuilder().setHead(head(read)
          .setBlocks(BlobBlocksCodec.toMsg(new BlobBlocks(blocks, blob.spanBlocksStart(), where)))).build());
    });
  }

  private static GetObjectMessage.Head.Builder head(ObjectRead read) {
    return GetObjectMessage.Head.newBuilder()
        .setInfo(PartitionProtos.toMsg(read.info()))
        .setStart(read.span().start())
        .setEnd(read.span().end())
        .setPartial(read.partial());
  }

  private static void sendObject(ObjectRead read, GrpcServerRequest<?, GetObjectMessage> request,
      GrpcServerResponse<?, GetObjectMessage> response) {
    ReadStream<Buffer> body = read.body();
    // A reader that goes away (the front-end cancels a GET it answered 304/412, or its client left)
    // resets the call: stop reading blocks and never write to the failed stream again.
    AtomicBoolean gone = new AtomicBoolean();
    Runnable stop = () -> {
      if (gone.compareAndSet(false, true)) {
        read.cancel();
      }
    };
    request.exceptionHandler(t -> stop.run());
    response.exceptionHandler(t -> stop.run());
    if (!write(response, GetObjectMessage.newBuilder().setHead(head(read)).build(), stop)) {
      return;
    }
    response.drainHandler(v -> body.resume());
    body.exceptionHandler(t -> {
      if (!gone.get()) {
        // the head is out: the reader only sees the call fail, so say why here
        log.warn("PartitionServerBinding: GetObject of {}/{} failed after its head: {}", read.info().bucket(),
            read.info().key(), t.toString());
        response.fail(RpcErrors.toStatus(t));
      }
    });
    body.endHandler(v -> {
      if (!gone.get()) {
        response.end();
      }
    });
    body.handler(buf -> {
      for (int at = 0; at < buf.length() && !gone.get(); at += PartitionGrpc.CHUNK_BYTES_MAX) {
        int end = Math.min(buf.length(), at + PartitionGrpc.CHUNK_BYTES_MAX);
        write(response, GetObjectMessage.newBuilder().setData(RpcBytes.wrap(buf, at, end)).build(),
            stop);
      }
      if (!gone.get() && response.writeQueueFull()) {
        body.pause();
      }
    });
  }

  /** Writes one message; a stream already reset by the peer stops the read instead of throwing. */
  private static boolean write(GrpcServerResponse<?, GetObjectMessage> response, GetObjectMessage msg, Runnable stop) {
    try {
      response.write(msg);
      return true;
    } catch (IllegalStateException e) {
      stop.run();
      return false;
    }
  }
}
