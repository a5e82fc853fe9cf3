package io.stampede.ministamp;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;
import java.util.Optional;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stamp's console port, for loopback clients that are not web pages ({@link ConsoleAccess}):
 * <ul>
 *   <li>{@code GET /health}: 200 once the stamp serves S3, 503 before;
 *   <li>{@code GET /metrics}: Prometheus text;
 *   <li>{@code GET /status}: {@link StampStatus} as JSON;
 *   <li>{@code GET /check}: the sealed-replica invariant check as JSON;
 *   <li>{@code POST /admin/kill-node?id=}, {@code /admin/restart-node?id=},
 *       {@code /admin/kill-rack?rack=}, {@code /admin/restart-rack?rack=},
 *       {@code /admin/kill-frontend?id=}, {@code /admin/restart-frontend?id=} (id {@code fe2} or {@code <stamp>/fe2}),
 *       {@code /admin/kill-stream-manager-leader}, {@code /admin/kill-partition-server?id=},
 *       {@code /admin/restart-partition-server?id=}, {@code /admin/kill-partition-manager-leader},
 *       {@code /admin/split?range=[&key=]}, {@code /admin/merge?range=},
 *       {@code /admin/move?range=&server=}, {@code /admin/rebuild-index}, {@code /admin/gc} (one
 *       garbage-collection pass over every blob stream): 200 with what was done, 400 without the parameter,
 *       404 for an unknown node, rack or server, 409 when the partition manager refuses.
 * </ul>
 * The admin verbs need the stamp's token ({@code Authorization: Bearer <token>}, the token in
 * {@code <data>/console.token}): 401 without it. Every answer that is not a success carries a
 * one-line plain-text message.
 */
final class Console {
  private static final Logger log = LoggerFactory.getLogger(Console.class);

  private final Vertx vertx;
  private final Endpoint endpoint;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier healthy;
  private final MiniStamp stamp;
  private final ConsoleAccess access;
  private HttpServer server;

  Console(Vertx vertx, Endpoint endpoint, PrometheusMeterRegistry registry, BooleanSupplier healthy,
      MiniStamp stamp, ConsoleAccess access) {
    this.access = access;
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.registry = registry;
    this.healthy = healthy;
    this.stamp = stamp;
  }

  Future<Void> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::guard);
    router.route("/admin/*").handler(this::tokenOnly);
    router.get("/health").handler(ctx -> ctx.response()
        .setStatusCode(healthy.getAsBoolean() ? 200 : 503)
        .putHeader("content-type", "text/plain")
        .end(healthy.getAsBoolean() ? "ok\n" : "starting\n"));
    router.get("/metrics").handler(ctx -> vertx.<String>executeBlocking(registry::scrape, false)
        .onSuccess(text -> ctx.response()
            .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text))
        .onFailure(t -> fail(ctx, t)));
    router.get("/status").handler(ctx -> whenServing(ctx, () -> stamp.describeAsync()
        .onSuccess(s -> json(ctx, StatusJson.toJson(s)))
        .onFailure(t -> fail(ctx, t))));
    router.get("/check").handler(ctx -> whenServing(ctx, () -> stamp.invariants().sealedReplicas()
        .onSuccess(r -> json(ctx, new JsonObject().put("ok", r.ok()).put("checkedExtents", r.checked())
            .put("violations", new JsonArray(r.violations()))))
        .onFailure(t -> fail(ctx, t))));
    router.post("/admin/kill-node").handler(ctx -> admin(ctx, "id", ExtentNodeId::of, stamp::killExtentNodeAsync));
    router.post("/admin/restart-node").handler(ctx -> admin(ctx, "id", ExtentNodeId::of, stamp::restartExtentNodeAsync));
    router.post("/admin/kill-rack").handler(ctx -> admin(ctx, "rack", RackId::of, stamp::killRackAsync));
    router.post("/admin/restart-rack").handler(ctx -> admin(ctx, "rack", RackId::of, stamp::restartRackAsync));
    router.post("/admin/kill-frontend").handler(ctx -> admin(ctx, "id", name -> name, stamp::killFrontendAsync));
    router.post("/admin/restart-frontend").handler(ctx -> admin(ctx, "id", name -> name, stamp::restartFrontendAsync));
    router.post("/admin/kill-stream-manager-leader").handler(ctx -> verb(ctx, stamp::killStreamManagerLeaderAsync));
    router.post("/admin/kill-partition-server").handler(ctx -> admin(ctx, "id", PartitionServerId::of,
        stamp::killPartitionServerAsync));
    router.post("/admin/restart-partition-server").handler(ctx -> admin(ctx, "id", PartitionServerId::of,
        stamp::restartPartitionServerAsync));
    router.post("/admin/kill-partition-manager-leader").handler(ctx -> verb(ctx, stamp::killPartitionManagerLeaderAsync));
    router.post("/admin/rebuild-index").handler(ctx -> verb(ctx, stamp::rebuildIndexAsync));
    router.post("/admin/gc").handler(ctx -> verb(ctx, stamp::collectGarbageAsync));
    router.post("/admin/split").handler(ctx -> admin(ctx, "range", PartitionId::of,
        range -> stamp.splitAsync(range, Optional.ofNullable(ctx.request().getParam("key")).filter(k -> !k.isEmpty()))));
    router.post("/admin/merge").handler(ctx -> admin(ctx, "range", PartitionId::of, stamp::mergeAsync));
    router.post("/admin/move").handler(ctx -> {
      String to = ctx.request().getParam("server");
      if (to == null || to.isBlank()) {
        text(ctx, 400, "missing query parameter 'server'");
        return;
      }
      admin(ctx, "range", PartitionId::of, range -> stamp.moveAsync(range, PartitionServerId.of(to)));
    });
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(endpoint.port(), endpoint.host())
        .map(s -> {
          server = s;
          return null;
        });
  }

  private void guard(RoutingContext ctx) {
    Optional<String> refused = access.refusal(ctx);
    if (refused.isPresent()) {
      log.warn("console: refused {} {} from {}: {}", ctx.request().method(), ctx.request().path(),
          ctx.request().remoteAddress(), refused.get());
      text(ctx, 403, refused.get());
    } else {
      ctx.next();
    }
  }

  private void tokenOnly(RoutingContext ctx) {
    if (access.authorized(ctx)) {
      ctx.next();
    } else {
      text(ctx, 401, "admin verbs need the stamp's token: Authorization: Bearer <the token in <data>/"
          + ConsoleAccess.TOKEN_FILE + ">");
    }
  }

  private void whenServing(RoutingContext ctx, Runnable action) {
    if (healthy.getAsBoolean()) {
      action.run();
    } else {
      text(ctx, 503, "the stamp is still starting");
    }
  }

  private <I> void admin(RoutingContext ctx, String param, Function<String, I> parse,
      Function<I, Future<String>> verb) {
    String value = ctx.request().getParam(param);
    if (value == null || value.isBlank()) {
      text(ctx, 400, "missing query parameter '" + param + "'");
      return;
    }
    I id;
    try {
      id = parse.apply(value);
    } catch (IllegalArgumentException e) {
      text(ctx, 404, e.getMessage());
      return;
    }
    verb(ctx, () -> verb.apply(id));
  }

  /** Runs an admin verb once the stamp serves; answers 200 with what it did, or its failure. */
  private void verb(RoutingContext ctx, Supplier<Future<String>> verb) {
    whenServing(ctx, () -> verb.get()
        .onSuccess(done -> {
          log.info("console: {}", done);
          text(ctx, 200, done);
        })
        .onFailure(t -> fail(ctx, t)));
  }

  private static void fail(RoutingContext ctx, Throwable t) {
    if (t instanceof NoSuchElementException) {
      text(ctx, 404, t.getMessage());
    } else if (t instanceof PartitionException e && e.code() == PartitionErrorCode.BAD_REQUEST) {
      text(ctx, 409, e.getMessage());
    } else {
      log.error("console: {} {} failed", ctx.request().method(), ctx.request().path(), t);
      text(ctx, 500, String.valueOf(t));
    }
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("content-type", "application/json").end(body.encodePrettily());
  }

  private static void text(RoutingContext ctx, int status, String message) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8")
          .end(message + "\n");
    }
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
