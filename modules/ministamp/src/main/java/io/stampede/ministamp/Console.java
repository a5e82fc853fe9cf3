package io.stampede.ministamp;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stampede.common.net.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The stamp's console port: {@code /health} (200 once the stamp serves S3, 503 before),
 * {@code /metrics} (Prometheus text) and {@code /status} (the stamp described as JSON).
 */
final class Console {
  private final Vertx vertx;
  private final Endpoint endpoint;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier healthy;
  private final Supplier<Future<String>> status;
  private HttpServer server;

  Console(Vertx vertx, Endpoint endpoint, PrometheusMeterRegistry registry, BooleanSupplier healthy,
      Supplier<Future<String>> status) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.registry = registry;
    this.healthy = healthy;
    this.status = status;
  }

  Future<Void> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.response()
        .setStatusCode(healthy.getAsBoolean() ? 200 : 503)
        .putHeader("content-type", "text/plain")
        .end(healthy.getAsBoolean() ? "ok\n" : "starting\n"));
    router.get("/metrics").handler(ctx -> vertx.<String>executeBlocking(registry::scrape, false)
        .onSuccess(text -> ctx.response()
            .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text))
        .onFailure(ctx::fail));
    router.get("/status").handler(ctx -> status.get()
        .onSuccess(json -> ctx.response().putHeader("content-type", "application/json").end(json))
        .onFailure(ctx::fail));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(endpoint.port(), endpoint.host())
        .map(s -> {
          server = s;
          return null;
        });
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
