package io.stampede.location.service;

import io.stampede.common.rpc.RpcTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.LocationApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The location service role: its journaled directory behind a gRPC endpoint. */
public final class LocationServer {
  private static final Logger log = LoggerFactory.getLogger(LocationServer.class);
  /** A bucket record with large settings, or a page of them, must fit. */
  private static final long MESSAGE_BYTES_MAX = 8 << 20;

  private final Vertx vertx;
  private final LocationConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private LocationService service;
  private HttpServer http;

  public LocationServer(Vertx vertx, LocationConfig config, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.clock = clock;
  }

  public Future<Void> start() {
    return LocationService.open(vertx, config.id(), config.dataDir(), clock,
            new LocationMetrics(registry, config.id()))
        .compose(s -> {
          service = s;
          GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(MESSAGE_BYTES_MAX));
          grpc.addService(new LocationRpcBinding(s));
          return vertx.createHttpServer(RpcTransport.serverOptions().setHost(config.endpoint().host()))
              .requestHandler(grpc)
              .listen(config.endpoint().port(), config.endpoint().host());
        })
        .map(server -> {
          http = server;
          log.info("{} serving on {}", config.id(), endpoint());
          return null;
        });
  }

  public Future<Void> stop() {
    Future<Void> closed = http == null ? Future.succeededFuture() : http.close();
    return closed.compose(v -> service == null ? Future.succeededFuture() : service.close());
  }

  public Endpoint endpoint() {
    return Endpoint.of(config.endpoint().host(), http == null ? config.endpoint().port() : http.actualPort());
  }

  /** The service itself, for callers in the same process that need no gRPC hop. */
  public LocationApi api() {
    return service;
  }
}
