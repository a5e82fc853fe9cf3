package io.stampede.location.service;

import io.stampede.common.rpc.RpcTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.LocationApi;
import io.stampede.location.dns.DnsConfig;
import io.stampede.location.dns.DnsServer;
import io.stampede.location.dns.DnsZone;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service role: its journaled directory behind a gRPC endpoint, and, when configured,
 * the DNS authority for the S3 zone ({@link DnsServer}).
 */
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
  private DnsServer dns;

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
        .compose(server -> {
          http = server;
          log.info("{} serving on {}", config.id(), endpoint());
          return config.dns().map(this::startDns).orElse(Future.succeededFuture());
        });
  }

  private Future<Void> startDns(DnsConfig d) {
    DnsZone zone = new DnsZone(d.apex(), d.apexHost(), b -> service.stampEndpointOf(b).map(Endpoint::host),
        service::version);
    dns = new DnsServer(vertx, config.id(), d.listen(), zone, registry);
    return dns.start();
  }

  public Future<Void> stop() {
    Future<Void> dnsStopped = dns == null ? Future.succeededFuture() : dns.stop();
    return dnsStopped
        .compose(v -> http == null ? Future.succeededFuture() : http.close())
        .compose(v -> service == null ? Future.succeededFuture() : service.close());
  }

  /** Where it answers DNS, when it does. */
  public Optional<Endpoint> dnsEndpoint() {
    return Optional.ofNullable(dns).map(DnsServer::endpoint);
  }

  public Endpoint endpoint() {
    return Endpoint.of(config.endpoint().host(), http == null ? config.endpoint().port() : http.actualPort());
  }

  /** The service itself, for callers in the same process that need no gRPC hop. */
  public LocationApi api() {
    return service;
  }
}
