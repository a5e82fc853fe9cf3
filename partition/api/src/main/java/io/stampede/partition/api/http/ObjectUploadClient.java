package io.stampede.partition.api.http;

import io.stampede.common.net.DataPlaneClient;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.proto.partition.PutObjectMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;

/**
 * Sends uploads to partition servers over {@link ObjectTransfer}: a pool of keep-alive HTTP/1.1
 * connections per server; the body waits for the server's 100 Continue, then flows with
 * back-pressure. A refusal before that leaves the body untouched (the caller may retry
 * elsewhere) and drops the connection, which is mid-request. An upload has no deadline, as it
 * lasts as long as its bytes flow (as the gRPC call did), and one waits for a free connection as
 * long as it takes, while opening a connection gives up after {@code connectTimeout}. A body that
 * fails cuts the connection, so the server stores nothing. Calls fail with a
 * {@link PartitionException}. Thread-safe.
 */
public final class ObjectUploadClient {
  /** Connections kept per partition server: as many uploads as a front-end runs at once to one. */
  public static final int CONNECTIONS_PER_SERVER = 32;

  /** The largest piece of an answer taken at once (answers are small). */
  private static final int PIECE_BYTES_MAX = 64 * 1024;

  private final DataPlaneClient client;

  private ObjectUploadClient(DataPlaneClient client) {
    this.client = client;
  }

  /** {@link #close()} it. */
  public static ObjectUploadClient create(Vertx vertx, Duration connectTimeout) {
    return new ObjectUploadClient(DataPlaneClient.create(vertx, CONNECTIONS_PER_SERVER, connectTimeout,
        PIECE_BYTES_MAX));
  }

  /**
   * Uploads {@code body} to {@code path} of the server at {@code server}; completes with the
   * answer's bytes (the reply message).
   */
  public Future<Buffer> upload(Endpoint server, String path, PutObjectMessage header, ReadStream<Buffer> body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost(server.host()).setPort(server.port()).setURI(path)
        .putHeader(ObjectTransfer.CALL_HEADER, ObjectTransfer.encode(header))
        .putHeader(HttpHeaders.EXPECT, HttpHeaders.CONTINUE)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
    Promise<Buffer> result = Promise.promise();
    client.request(options).onComplete(opened -> {
      if (opened.failed()) {
        result.fail(PartitionRpcErrors.translate(opened.cause()));
        return;
      }
      HttpClientRequest request = opened.result();
      // chunked, never a Content-Length: the body ends only when the sender ends it, so a body
      // that fails after its last byte (a digest that does not match) still stores nothing
      request.setChunked(true);
      boolean[] sending = {false};
      request.continueHandler(v -> {
        sending[0] = true;
        pump(body, request, result);
      });
      request.exceptionHandler(t -> result.tryFail(PartitionRpcErrors.translate(t)));
      request.response().compose(ObjectUploadClient::answer).onComplete(done -> {
        if (done.succeeded()) {
          result.tryComplete(done.result());
          return;
        }
        body.pause();
        result.tryFail(PartitionRpcErrors.translate(done.cause()));
        if (!sending[0]) {
          // refused before the body: the request is cut short, so is its connection
          request.connection().close();
        }
      });
      request.sendHead();
    });
    return result.future();
  }

  public Future<Void> close() {
    return client.close();
  }

  private static Future<Buffer> answer(HttpClientResponse response) {
    if (response.statusCode() == 200) {
      return response.body();
    }
    String code = response.getHeader(ObjectTransfer.ERROR_HEADER);
    return response.body().transform(text -> {
      String message = text.succeeded() && text.result().length() <= ObjectTransfer.ERROR_BODY_BYTES_MAX
          ? text.result().toString() : "HTTP " + response.statusCode();
      return Future.failedFuture(ObjectTransfer.failure(response.statusCode(), code, message));
    });
  }

  private static void pump(ReadStream<Buffer> body, HttpClientRequest request, Promise<Buffer> result) {
    request.drainHandler(v -> body.resume());
    body.exceptionHandler(t -> {
      result.tryFail(new PartitionException(PartitionErrorCode.INCOMPLETE_BODY, "body failed: " + t, t));
      request.reset();
    });
    body.endHandler(v -> request.end());
    body.handler(buf -> {
      request.write(buf);
      if (request.writeQueueFull()) {
        body.pause();
      }
    });
    body.resume();
  }
}
