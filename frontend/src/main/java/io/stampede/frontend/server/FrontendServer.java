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
  private HttpServer server;

  public FrontendServer(
      Vertx vertx, FrontendConfig config, PartitionApi partitions, LocationApi locations,
      MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    FrontendMetrics metrics = new FrontendMetrics(registry, config);
    BucketRegistry buckets = new BucketRegistry(locations, clock, config.bucketCacheTtl());
    S3Services services = new S3Services(config, new BucketKeySpaces(partitions, buckets::lookup), locations,
        buckets, metrics, clock, vertx);
    SigV4Authenticator authenticator =
        new SigV4Authenticator(config.users(), config.region(), config.clockSkewMax(), clock);
    RequestDispatcher dispatcher = new RequestDispatcher(vertx, config, authenticator,
        new OperationTable(services), buckets, metrics, new RequestIds(clock, config.node()), clock);
    router = Router.router(vertx);
    router.route().handler(dispatcher).failureHandler(new S3FailureHandler(config.node().value()));
  }

  public Future<Void> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxInitialLineLength(config.maxUriBytes())
        .setIdleTimeout((int) Math.max(1, config.idleTimeout().toSeconds()))
        .setHandle100ContinueAutomatically(false)
        .setHttp2ClearTextEnabled(false)
        .setCompressionSupported(false)
        .setDecompressionSupported(false);
    return vertx.createHttpServer(options).requestHandler(router).listen().map(s -> {
      server = s;
      log.info("{} serving S3 on {}:{} with {}", config.node(), config.host(), s.actualPort(), config);
      return null;
    });
  }

  public Future<Void> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    HttpServer s = server;
    server = null;
    return s.close().onComplete(ar -> log.info("{} stopped", config.node()));
  }

  /** The bound port (the configured one unless it was 0); -1 when not started. */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }
}
