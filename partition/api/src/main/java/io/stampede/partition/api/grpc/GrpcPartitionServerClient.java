package io.stampede.partition.api.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.stampede.common.key.ByteRange;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.blob.BlobReadStream;
import io.stampede.partition.api.blob.DirectReads;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.http.ObjectTransfer;
import io.stampede.partition.api.http.ObjectUploadClient;
import io.stampede.proto.partition.ObjectInfoMsg;
import io.stampede.proto.partition.ObjectPartMsg;
import io.stampede.proto.partition.BucketRangeReply;
import io.stampede.proto.partition.BucketRangeRequest;
import io.stampede.proto.partition.GetObjectMessage;
import io.stampede.proto.partition.GetObjectRequest;
import io.stampede.proto.partition.ListPartsRequest;
import io.stampede.proto.partition.SetTagsRequest;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartPage;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.vertx.grpc.common.ServiceMethod;
import java.util.List;
import java.util.Map;
import io.stampede.proto.partition.PartitionServerRpcGrpcClient;
import io.stampede.proto.partition.PutObjectMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link PartitionApi} of one remote partition server. Unary calls carry {@code callTimeout} as
 * their deadline; the streaming PutObject and GetObject have none (they last as long as the
 * bytes flow) and move object bytes in chunks of at most {@link PartitionGrpc#CHUNK_BYTES_MAX}
 * with back-pressure both ways. Given {@link DirectReads}, GetObject asks for direct reads: a
 * large span comes back as where its blocks are, and its bytes are read from the extent nodes.
 * Given an {@link ObjectUploadClient}, PutObject and UploadPart send their bytes on the data
 * plane ({@link ObjectTransfer}) instead of as messages.
 */
public final class GrpcPartitionServerClient implements PartitionApi {
  private final GrpcClient client;
  private final DirectReads direct;
  private final ObjectUploadClient uploads;
  private final Endpoint server;
  private final SocketAddress address;
  private final Duration callTimeout;

  public GrpcPartitionServerClient(GrpcClient client, Endpoint server, Duration callTimeout) {
    this(client, null, null, server, callTimeout);
  }

  /**
   * {@code direct}: how GetObject reads blocks itself; null: it never does. {@code uploads}: how
   * PutObject and UploadPart send object bytes on the data plane; null: as gRPC messages.
   */
  public GrpcPartitionServerClient(GrpcClient client, DirectReads direct, ObjectUploadClient uploads,
      Endpoint server, Duration callTimeout) {
    this.client = client;
    this.direct = direct;
    this.uploads = uploads;
    this.server = server;
    this.address = PartitionGrpc.address(server);
    this.callTimeout = callTimeout;
  }

  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    PutObjectMessage header = PutObjectMessage.newBuilder().setHeader(PartitionProtos.toMsg(request)).build();
    if (uploads != null) {
      return uploads.upload(server, ObjectTransfer.PUT_PATH, header, body)
          .map(reply -> PartitionProtos.fromMsg(parse(ObjectInfoMsg.parser(), reply)));
    }
    return upload(PartitionServerRpcGrpcClient.PutObject, header, body).map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body) {
    PutObjectMessage header = PutObjectMessage.newBuilder().setPartHeader(PartitionProtos.toMsg(request)).build();
    if (uploads != null) {
      return uploads.upload(server, ObjectTransfer.PART_PATH, header, body)
          .map(reply -> PartitionProtos.fromMsg(parse(ObjectPartMsg.parser(), reply)));
    }
    return upload(PartitionServerRpcGrpcClient.UploadPart, header, body).map(PartitionProtos::fromMsg);
  }

  /** A reply message of the data plane; INTERNAL if it is not one. */
  private static <M> M parse(Parser<M> parser, Buffer reply) {
    try {
      return parser.parseFrom(RpcBytes.nio(reply));
    } catch (InvalidProtocolBufferException e) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "bad upload reply: " + e.getMessage());
    }
  }

  /**
   * Opens a client-streaming call, sends {@code header}, and once the server answers its headers
   * (it wants the body) the body in chunks with back-pressure.
   */
  private <R> Future<R> upload(ServiceMethod<R, PutObjectMessage> method, PutObjectMessage header,
      ReadStream<Buffer> body) {
    Promise<R> result = Promise.promise();
    RpcCalls.open(client, address, method).onComplete(opened -> {
      if (opened.failed()) {
        result.fail(PartitionRpcErrors.translate(opened.cause()));
        return;
      }
      GrpcClientRequest<PutObjectMessage, R> call = opened.result();
      call.response().onComplete(head -> {
        // The server answers its headers once it reads the body; a refusal comes instead as a
        // status alone (trailers only), and then the body is never touched.
        if (head.succeeded() && head.result().status() == null) {
          pump(body, call, result);
        } else {
          // Refused without reading: close our half of the stream too, or it stays open and
          // the connection runs out of concurrent streams.
          call.cancel();
        }
      });
      call.response().compose(RpcCalls::last).onComplete(done -> {
        if (done.succeeded()) {
          result.tryComplete(done.result());
        } else {
          body.pause();
          result.tryFail(PartitionRpcErrors.translate(done.cause()));
        }
      });
      call.write(header);
    });
    return result.future();
  }

  private static <R> void pump(ReadStream<Buffer> body, GrpcClientRequest<PutObjectMessage, R> call,
      Promise<R> result) {
    call.drainHandler(v -> body.resume());
    body.exceptionHandler(t -> {
      result.tryFail(new PartitionException(PartitionErrorCode.INCOMPLETE_BODY, "body failed: " + t, t));
      call.cancel();
    });
    body.endHandler(v -> call.end());
    body.handler(buf -> {
      for (int at = 0; at < buf.length(); at += PartitionGrpc.CHUNK_BYTES_MAX) {
        int end = Math.min(buf.length(), at + PartitionGrpc.CHUNK_BYTES_MAX);
        call.write(PutObjectMessage.newBuilder().setData(RpcBytes.wrap(buf, at, end)).build());
      }
      if (call.writeQueueFull()) {
        body.pause();
      }
    });
    body.resume();
  }

  @Override
  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
    GetObjectRequest.Builder req = GetObjectRequest.newBuilder().setBucket(ref.bucket()).setKey(ref.key())
        .setVersionId(ref.versionId()).setPartNumber(ref.partNumber()).setDirect(direct != null);
    PartitionProtos.toMsg(range).ifPresent(req::setRange);
    return RpcCalls.open(client, address, PartitionServerRpcGrpcClient.GetObject)
        .compose(call -> call.send(req.build()).compose(response -> readHead(response, call::cancel)))
        .recover(t -> Future.failedFuture(PartitionRpcErrors.translate(t)));
  }

  private Future<ObjectRead> readHead(GrpcClientResponse<GetObjectRequest, GetObjectMessage> response,
      Runnable cancelCall) {
    Promise<ObjectRead> head = Promise.promise();
    response.exceptionHandler(t -> head.tryFail(RpcCalls.failure(response, t)));
    response.endHandler(v -> head.tryFail(endFailure(response) != null ? endFailure(response)
        : new PartitionException(PartitionErrorCode.INTERNAL, "GetObject ended without a head")));
    response.handler(msg -> {
      if (!msg.hasHead()) {
        head.tryFail(new PartitionException(PartitionErrorCode.INTERNAL, "GetObject data before head"));
        return;
      }
      GetObjectMessage.Head h = msg.getHead();
      ByteRange.Span span = new ByteRange.Span(h.getStart(), h.getEnd());
      if (h.hasBlocks() && direct != null) {
        BlobReadStream body;
        try {
          body = direct.open(BlobBlocksCodec.fromMsg(h.getBlocks()), span, Vertx.currentContext());
        } catch (IllegalArgumentException e) {
          head.tryFail(new PartitionException(PartitionErrorCode.INTERNAL, "GetObject blocks: " + e.getMessage()));
          return;
        }
        head.tryComplete(new ObjectRead(PartitionProtos.fromMsg(h.getInfo()), span, h.getPartial(), body,
            body::cancel));
        return;
      }
      response.pause();
      DataStream<GetObjectMessage> body = new DataStream<>(response,
          m -> RpcBytes.wrap(m.getData()),
          () -> endFailure(response),
          t -> PartitionRpcErrors.translate(RpcCalls.failure(response, t)));
      body.handler(null).endHandler(null).exceptionHandler(null);
      head.tryComplete(new ObjectRead(PartitionProtos.fromMsg(h.getInfo()), span, h.getPartial(), body, cancelCall));
    });
    return head.future();
  }

  private static Throwable endFailure(GrpcClientResponse<?, ?> response) {
    GrpcStatus status = response.status();
    return status == null || status == GrpcStatus.OK ? null
        : RpcErrors.fromStatus(status, response.statusMessage());
  }

  @Override
  public Future<ObjectInfo> headObject(ObjectRef ref) {
    return unary(PartitionServerRpcGrpcClient.HeadObject, PartitionProtos.toMsg(ref)).map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    return unary(PartitionServerRpcGrpcClient.DeleteObject, PartitionProtos.toMsg(request))
        .map(r -> new DeleteResult(r.getVersionId(), r.getDeleteMarker()));
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return unary(PartitionServerRpcGrpcClient.ListObjects, PartitionProtos.toMsg(query)).map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<ListPage> listObjectVersions(ListObjectsQuery query) {
    return unary(PartitionServerRpcGrpcClient.ListObjectVersions, PartitionProtos.toMsg(query))
        .map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags) {
    return unary(PartitionServerRpcGrpcClient.SetTags,
        SetTagsRequest.newBuilder().setObject(PartitionProtos.toMsg(ref)).putAllTags(tags).build())
        .map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<List<ObjectPart>> objectParts(ObjectRef ref) {
    return unary(PartitionServerRpcGrpcClient.ObjectParts, PartitionProtos.toMsg(ref))
        .map(r -> r.getPartsList().stream().map(PartitionProtos::fromMsg).toList());
  }

  @Override
  public Future<UploadInfo> createUpload(CreateUploadRequest request) {
    return unary(PartitionServerRpcGrpcClient.CreateUpload, PartitionProtos.toMsg(request))
        .map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<ObjectInfo> completeUpload(CompleteUploadRequest request) {
    return unary(PartitionServerRpcGrpcClient.CompleteUpload, PartitionProtos.toMsg(request))
        .map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<Void> abortUpload(UploadRef upload) {
    return unary(PartitionServerRpcGrpcClient.AbortUpload, PartitionProtos.toMsg(upload)).mapEmpty();
  }

  @Override
  public Future<PartPage> listParts(UploadRef upload, int partNumberMarker, int maxParts) {
    return unary(PartitionServerRpcGrpcClient.ListParts, ListPartsRequest.newBuilder()
        .setUpload(PartitionProtos.toMsg(upload)).setPartNumberMarker(partNumberMarker).setMaxParts(maxParts).build())
        .map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<UploadPage> listUploads(ListObjectsQuery query) {
    return unary(PartitionServerRpcGrpcClient.ListUploads, PartitionProtos.toMsg(query)).map(PartitionProtos::fromMsg);
  }

  @Override
  public Future<String> closeBucket(String bucket, String from) {
    return unary(PartitionServerRpcGrpcClient.CloseBucket,
        BucketRangeRequest.newBuilder().setBucket(bucket).setFrom(from).build()).map(BucketRangeReply::getRangeHigh);
  }

  @Override
  public Future<String> reopenBucket(String bucket, String from) {
    return unary(PartitionServerRpcGrpcClient.ReopenBucket,
        BucketRangeRequest.newBuilder().setBucket(bucket).setFrom(from).build()).map(BucketRangeReply::getRangeHigh);
  }

  private <Req, Resp> Future<Resp> unary(ServiceMethod<Resp, Req> method, Req request) {
    return RpcCalls.unary(client, address, method, request, callTimeout)
        .recover(t -> Future.failedFuture(PartitionRpcErrors.translate(t)));
  }
}
