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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends uploads to partition servers over {@link ObjectTransfer}: a pool of keep-alive HTTP/1.1
 * connections per server; the body waits for the server's 100 Continue, then flows with
 * back-pressure. A refusal before that leaves the body untouched (the caller may retry
 * elsewhere) and drops the connection, which is mid-request. An upload has no deadline, as it
 * lasts as long as its bytes flow, but one that moves no byte and gets no answer for
 * {@code quietMax} (a stalled sender, a body abandoned by the front-end, a server that never
 * reads) is cut off, and so is a wait that long for a free connection. A body that fails, or is
 * cut off, cuts the connection, so the server stores nothing. Calls fail with a
 * {@link PartitionException}. Thread-safe.
 */
public final class ObjectUploadClient {
  /** Connections kept per partition server: as many uploads as a front-end runs at once to one. */
  public static final int CONNECTIONS_PER_SERVER = 32;

  /** The largest piece of an answer taken at once (answers are small). */
  private static final int PIECE_BYTES_MAX = 64 * 1024;

  /** How long an upload may move no byte and get no answer before it is cut off. */
  public static final Duration QUIET_MAX = Duration.ofMinutes(2);

  private final Vertx vertx;
  private final DataPlaneClient client;
  private final Duration quietMax;

  private ObjectUploadClient(Vertx vertx, DataPlaneClient client, Duration quietMax) {
    this.vertx = vertx;
    this.client = client;
    this.quietMax = quietMax;
  }

  /** Uploads cut off after {@link #QUIET_MAX} of quiet; {@link #close()} it. */
  public static ObjectUploadClient create(Vertx vertx, Duration connectTimeout) {
    return create(vertx, connectTimeout, QUIET_MAX);
  }

  /** {@link #close()} it. */
  public static ObjectUploadClient create(Vertx vertx, Duration connectTimeout, Duration quietMax) {
    return new ObjectUploadClient(vertx, DataPlaneClient.create(vertx, CONNECTIONS_PER_SERVER, connectTimeout,
        PIECE_BYTES_MAX), quietMax);
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
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
        .setConnectTimeout(quietMax.toMillis());
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
      AtomicBoolean ended = new AtomicBoolean();
      AtomicLong lastMoved = new AtomicLong(System.nanoTime());
      watch(request, lastMoved, result);
      request.continueHandler(v -> {
        lastMoved.set(System.nanoTime());
        pump(body, request, result, lastMoved, ended);
      });
      request.exceptionHandler(t -> result.tryFail(PartitionRpcErrors.translate(t)));
      request.response().onSuccess(r -> lastMoved.set(Long.MAX_VALUE))
          .compose(ObjectUploadClient::answer).onComplete(done -> {
            if (done.succeeded()) {
              result.tryComplete(done.result());
              return;
            }
            body.pause();
            result.tryFail(PartitionRpcErrors.translate(done.cause()));
            if (!ended.get()) {
              // refused before the body's end (maybe before it started): the request is cut
              // short, so is its connection, which must never carry another one
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
    return DataPlaneClient.refusalText(response, ObjectTransfer.ERROR_BODY_BYTES_MAX)
        .compose(text -> Future.failedFuture(ObjectTransfer.failure(response.statusCode(), code, text)));
  }

  /** Cuts {@code request} off once it has moved nothing for {@code quietMax}, until it is answered. */
  private void watch(HttpClientRequest request, AtomicLong lastMoved, Promise<Buffer> result) {
    long every = Math.max(1, quietMax.toMillis() / 4);
    long timer = vertx.setPeriodic(every, id -> {
      long moved = lastMoved.get();
      if (moved != Long.MAX_VALUE && System.nanoTime() - moved > quietMax.toNanos()) {
        result.tryFail(new PartitionException(PartitionErrorCode.UNAVAILABLE,
            "upload to " + request.getURI() + " moved nothing for " + quietMax));
        request.reset();
      }
    });
    result.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  private static void pump(ReadStream<Buffer> body, HttpClientRequest request, Promise<Buffer> result,
      AtomicLong lastMoved, AtomicBoolean ended) {
    request.drainHandler(v -> body.resume());
    body.exceptionHandler(t -> {
      result.tryFail(new PartitionException(PartitionErrorCode.INCOMPLETE_BODY, "body failed: " + t, t));
      request.reset();
    });
    body.endHandler(v -> {
      ended.set(true);
      request.end();
    });
    body.handler(buf -> {
      lastMoved.set(System.nanoTime());
      request.write(buf);
      if (request.writeQueueFull()) {
        body.pause();
      }
    });
    body.resume();
  }
}
