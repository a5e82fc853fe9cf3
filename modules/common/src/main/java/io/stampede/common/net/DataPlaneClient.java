package io.stampede.common.net;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * The HTTP/1.1 side of a data plane, where object and block bytes move outside gRPC: a pool of
 * keep-alive connections per server (no Nagle delay), each request started on a Vert.x thread. A
 * request started on any other thread can race a connection going back to the pool and wait for
 * one forever (seen with Vert.x 5.0.7: 4 hangs in 2,000 rounds from a test thread, none in 3,000
 * from a context). Thread-safe.
 */
public final class DataPlaneClient {
  private final HttpClient client;
  private final Context context;

  private DataPlaneClient(HttpClient client, Context context) {
    this.client = client;
    this.context = context;
  }

  /**
   * A client keeping up to {@code connectionsPerServer} connections to each server, giving up on
   * a connection attempt after {@code connectTimeout}, taking response pieces of at most
   * {@code pieceBytesMax}. {@link #close()} it.
   */
  public static DataPlaneClient create(Vertx vertx, int connectionsPerServer, Duration connectTimeout, int pieceBytesMax) {
    HttpClientOptions options = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true).setTcpNoDelay(true).setMaxChunkSize(pieceBytesMax)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    return new DataPlaneClient(vertx.createHttpClient(options,
        new PoolOptions().setHttp1MaxSize(connectionsPerServer)), vertx.getOrCreateContext());
  }

  /** A request on a pooled connection, asked for from a Vert.x thread. */
  public Future<HttpClientRequest> request(RequestOptions options) {
    if (Context.isOnVertxThread()) {
      return client.request(options);
    }
    Promise<HttpClientRequest> started = Promise.promise();
    context.runOnContext(v -> client.request(options).onComplete(started));
    return started.future();
  }

  public Future<Void> close() {
    return client.close();
  }

  /**
   * What a refusal says: the text of its body when that is at most {@code bytesMax} bytes, else
   * {@code HTTP <status>}; never fails. Read with {@code body()}, which also takes an answer
   * that ended before this was called (setting handlers on it would throw).
   */
  public static Future<String> refusalText(HttpClientResponse response, int bytesMax) {
    return response.body().transform(body -> Future.succeededFuture(
        body.succeeded() && body.result().length() <= bytesMax ? body.result().toString()
            : "HTTP " + response.statusCode()));
  }
}
