package io.stampede.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A refusal's text over loopback: a short body is the text, a long one is named by its status only. */
@Timeout(30)
class DataPlaneClientTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRefusalSaysItsShortTextAndOnlyItsStatusWhenLong() throws Exception {
    HttpServer server = await(vertx.createHttpServer().requestHandler(req -> req.response().setStatusCode(503)
        .end(req.path().equals("/short") ? "no room" : "x".repeat(10_000))).listen(0, "127.0.0.1"));
    DataPlaneClient client = DataPlaneClient.create(vertx, 2, Duration.ofSeconds(5), 64 * 1024);
    assertThat(refusal(client, server.actualPort(), "/short")).isEqualTo("no room");
    assertThat(refusal(client, server.actualPort(), "/long")).isEqualTo("HTTP 503");
    assertThat(refusal(client, server.actualPort(), "/short")).as("the connection is still usable").isEqualTo("no room");
    await(client.close());
  }

  private static String refusal(DataPlaneClient client, int port, String path) throws Exception {
    return await(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
            .setURI(path))
        .compose(HttpClientRequest::send)
        .compose(response -> DataPlaneClient.refusalText(response, 4096)));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
