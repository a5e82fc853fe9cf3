package io.stampede.frontend.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.frontend.auth.SigV4Authenticator;
import io.stampede.frontend.error.S3FailureHandler;
import io.stampede.frontend.s3.BucketKeySpaces;
import io.stampede.frontend.s3.BucketRegistry;
import io.stampede.frontend.s3.S3Services;
import io.stampede.location.api.LocationApi;
import io.stampede.partition.api.PartitionApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A front-end server: S3 over HTTP on Vert.x web, authenticating every request with SigV4 and
 * serving it from the partition layer and the location service. No body handler: object bodies
 * stream through with back-pressure.
 */
public final class FrontendServer {
  private static final Logger log = LoggerFactory.getLogger(FrontendServer.class);

  private final Vertx vertx;
  private final FrontendConfig config;
  private final Router router;
  private volatile List<HttpServer> servers = List.of();
  /** Set by {@link #stop()}: listeners that bind afterwards are closed at once. */
  private volatile boolean stopped;

  /** A front-end with its own bucket cache. */
  public FrontendServer(
      Vertx vertx, FrontendConfig config, PartitionApi partitions, LocationApi locations,
      MeterRegistry registry, Clock clock) {
    this(vertx, config, partitions, locations, new BucketRegistry(locations, clock, config.bucketCacheTtl()),
        registry, clock);
  }

  /**
   * A front-end sharing {@code buckets} with others: each then sees every change any of them made
   * to a bucket on its next request, as one front-end sees its own.
   */
  public FrontendServer(
      Vertx vertx, FrontendConfig config, PartitionApi partitions, LocationApi locations, BucketRegistry buckets,
      MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    FrontendMetrics metrics = new FrontendMetrics(registry, config);
    S3Services services = new S3Services(config, new BucketKeySpaces(partitions, buckets::lookup), locations,
        buckets, metrics, clock, vertx);
    SigV4Authenticator authenticator =
        new SigV4Authenticator(config.users(), config.region(), config.clockSkewMax(), clock);
    RequestDispatcher dispatcher = new RequestDispatcher(vertx, config, authenticator,
        new OperationTable(services), buckets, metrics, new RequestIds(clock, config.node()), clock);
    router = Router.router(vertx);
    router.route().handler(dispatcher).failureHandler(new S3FailureHandler(config.node().value()));
  }

  /** Listens on every configured host, on the configured port. */
  public Future<Void> start() {
    List<Future<HttpServer>> listening = new ArrayList<>();
    for (String host : config.hosts()) {
      HttpServerOptions options = new HttpServerOptions()
          .setHost(host)
          .setPort(config.port())
          .setMaxHeaderSize(config.maxHeaderBytes())
          .setMaxInitialLineLength(config.maxUriBytes())
          .setIdleTimeout((int) Math.max(1, config.idleTimeout().toSeconds()))
          .setHandle100ContinueAutomatically(false)
          .setHttp2ClearTextEnabled(false)
          .setCompressionSupported(false)
          .setDecompressionSupported(false);
      listening.add(vertx.createHttpServer(options).requestHandler(router).listen());
    }
    return Future.join(listening).transform(ar -> {
      servers = listening.stream().filter(Future::succeeded).map(Future::result).toList();
      if (ar.failed() || stopped) {
        Throwable why = ar.failed() ? ar.cause() : new IllegalStateException(config.node() + " stopped while starting");
        return closeAll().transform(v -> Future.failedFuture(why));
      }
      log.info("{} serving S3 on {}:{} with {}", config.node(), config.hosts(), port(), config);
      return Future.succeededFuture();
    });
  }

  /** Closes every listener and every connection on it; a start still binding is undone. */
  public Future<Void> stop() {
    stopped = true;
    return closeAll();
  }

  private Future<Void> closeAll() {
    if (servers.isEmpty()) {
      return Future.succeededFuture();
    }
    List<HttpServer> closing = servers;
    servers = List.of();
    return Future.join(closing.stream().map(HttpServer::close).toList()).<Void>mapEmpty()
        .onComplete(ar -> log.info("{} stopped", config.node()));
  }

  /** The bound port (the configured one unless it was 0); -1 when not started. */
  public int port() {
    return servers.isEmpty() ? -1 : servers.get(0).actualPort();
  }
}
