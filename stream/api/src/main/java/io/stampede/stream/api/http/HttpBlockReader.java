package io.stampede.stream.api.http;

import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * Reads blocks from extent nodes over {@link BlockTransfer}: a pool of keep-alive HTTP/1.1
 * connections per node, each block checked as it arrives ({@link ReceivedRecord}). A read fails
 * with a StreamException: the node's error code, CORRUPT for a block that fails its check,
 * UNAVAILABLE when the node cannot be reached or goes quiet for {@code timeout}. Thread-safe; the
 * answer completes on the caller's context.
 */
public final class HttpBlockReader {
  /** Connections kept per node: a GET's read-ahead window and a few concurrent GETs. */
  public static final int CONNECTIONS_PER_NODE = 16;
  /** The most bytes one piece of a response carries. */
  static final int PIECE_BYTES_MAX = 256 * 1024;

  private final HttpClient client;
  private final Duration timeout;

  private HttpBlockReader(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** A reader whose reads fail once a node stays quiet for {@code timeout}; {@link #close()} it. */
  public static HttpBlockReader create(Vertx vertx, Duration timeout) {
    HttpClientOptions options = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true).setTcpNoDelay(true).setMaxChunkSize(PIECE_BYTES_MAX)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    return new HttpBlockReader(vertx.createHttpClient(options,
        new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_NODE)), timeout);
  }

  /** The verified payload of the block at {@code pointer}, from the node at {@code node}. */
  public Future<Buffer> read(Endpoint node, ExtentPointer pointer) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
        .setHost(node.host()).setPort(node.port()).setURI(BlockTransfer.uri(pointer))
        .setIdleTimeout(timeout.toMillis());
    return client.request(request)
        .compose(req -> req.send())
        .compose(response -> response.statusCode() == 200 ? receive(response, pointer) : refused(response))
        .recover(t -> Future.failedFuture(t instanceof StreamException ? t
            : new StreamException(StreamErrorCode.UNAVAILABLE,
                pointer.extent() + " block read on " + node + " failed: " + t, t)));
  }

  public Future<Void> close() {
    return client.close();
  }

  private static Future<Buffer> receive(HttpClientResponse response, ExtentPointer pointer) {
    Promise<Buffer> result = Promise.promise();
    ReceivedRecord record = new ReceivedRecord(pointer);
    response.exceptionHandler(result::tryFail);
    response.handler(piece -> {
      try {
        record.add(piece);
      } catch (StreamException e) {
        result.tryFail(e);
        response.request().reset();
      }
    });
    response.endHandler(v -> {
      try {
        result.tryComplete(record.payload());
      } catch (StreamException e) {
        result.tryFail(e);
      }
    });
    return result.future();
  }

  private static Future<Buffer> refused(HttpClientResponse response) {
    StreamErrorCode code = BlockTransfer.code(response.getHeader(BlockTransfer.ERROR_HEADER));
    return response.body().transform(body -> {
      String text = body.succeeded() && body.result().length() <= BlockTransfer.ERROR_BODY_BYTES_MAX
          ? body.result().toString() : "HTTP " + response.statusCode();
      return Future.failedFuture(new StreamException(code, text));
    });
  }
}
