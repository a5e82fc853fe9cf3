package io.stampede.partition.grpc;

import com.google.protobuf.MessageLite;
import io.stampede.common.rpc.StampException;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.grpc.DataStream;
import io.stampede.partition.api.http.ObjectTransfer;
import io.stampede.proto.partition.PutObjectMessage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * Serves uploads on a partition server's data plane ({@link ObjectTransfer}): the call header
 * names the PutObject or UploadPart, the request's body is the object's bytes, handed to the
 * partition layer as a stream that answers 100 Continue when first read. The answer is the reply
 * message, or the failure's code. An answer before the body's end says {@code Connection: close}
 * (the sender drops the connection, which is mid-request) and closes it soon after.
 */
final class UploadHandler implements Handler<HttpServerRequest> {
  /** How long a connection refused mid-request stays open for its sender to read the answer and drop it. */
  private static final long CLOSE_AFTER_REFUSAL_MS = 2_000;

  private final PartitionApi api;

  UploadHandler(PartitionApi api) {
    this.api = api;
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.pause();
    Function<ReadStream<Buffer>, Future<? extends MessageLite>> call;
    try {
      call = call(request.path(), ObjectTransfer.decode(request.getHeader(ObjectTransfer.CALL_HEADER)));
    } catch (PartitionException e) {
      refuse(request, e);
      return;
    }
    ReadStream<Buffer> body = new DataStream<Buffer>(request, b -> b, () -> null,
        t -> new PartitionException(PartitionErrorCode.INCOMPLETE_BODY, "upload cut off: " + t, t))
        .onFirstRead(() -> {
          if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
          }
        });
    PartitionServerBinding.guarded(() -> call.apply(body)).onComplete(ar -> {
      if (ar.succeeded()) {
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/x-protobuf")
            .end(Buffer.buffer(ar.result().toByteArray()));
      } else {
        refuse(request, ar.cause());
      }
    });
  }

  /** The call {@code header} heads on {@code path}, the same one the gRPC method of that name serves. */
  private Function<ReadStream<Buffer>, Future<? extends MessageLite>> call(String path, PutObjectMessage header) {
    if (ObjectTransfer.PUT_PATH.equals(path)) {
      var put = PartitionServerBinding.putCall(api, header);
      if (put != null) {
        return put::apply;
      }
    } else if (ObjectTransfer.PART_PATH.equals(path)) {
      var part = PartitionServerBinding.partCall(api, header);
      if (part != null) {
        return part::apply;
      }
    }
    throw new PartitionException(PartitionErrorCode.BAD_REQUEST, path + " does not take that call header");
  }

  private static void refuse(HttpServerRequest request, Throwable failure) {
    HttpServerResponse response = request.response();
    if (response.ended()) {
      return;
    }
    String code;
    boolean retriable;
    if (failure instanceof StampException se) {
      code = se.code().name();
      retriable = se.retriable();
    } else {
      code = PartitionErrorCode.INTERNAL.name();
      retriable = false;
    }
    boolean midRequest = !request.isEnded();
    if (midRequest) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.setStatusCode(ObjectTransfer.status(retriable)).putHeader(ObjectTransfer.ERROR_HEADER, code)
        .end(String.valueOf(failure.getMessage()))
        .onComplete(sent -> {
          if (midRequest) {
            // the sender drops the connection on this answer; closing at once could reset it
            // before the answer is read (body bytes still unread here), so only as a backstop
            Vertx.currentContext().owner().setTimer(CLOSE_AFTER_REFUSAL_MS, t -> request.connection().close());
          }
        });
  }
}
