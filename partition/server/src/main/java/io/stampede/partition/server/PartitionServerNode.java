package io.stampede.partition.server;

import io.stampede.common.rpc.RpcTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.gc.GcPass;
import io.stampede.partition.api.grpc.GrpcPartitionManagerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.http.ObjectTransfer;
import io.stampede.partition.grpc.PartitionServerBinding;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition server process role: the gRPC server (PartitionServerRpc), the heartbeat to the
 * partition manager (trying each manager peer), and the {@link PartitionServer} that loads and
 * drops range partitions as the map returned by each heartbeat says.
 */
public final class PartitionServerNode {
  private static final Logger log = LoggerFactory.getLogger(PartitionServerNode.class);

  private final Vertx vertx;
  private final PartitionServerConfig config;
  private final StreamClient streams;
  private final MeterRegistry registry;
  private final Clock clock;
  private PartitionServer server;
  private HttpServer http;
  private GrpcClient client;
  private GrpcPartitionManagerClient manager;
  private Endpoint endpoint;
  private long timer = -1;
  private long gcTimer = -1;
  private Future<List<GcPass>> gcRunning;
  private boolean heartbeating;
  private boolean heartbeatAgain;
  private Context context;
  private int failedHeartbeats;

  public PartitionServerNode(Vertx vertx, PartitionServerConfig config, StreamClient streams,
      MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.streams = streams;
    this.registry = registry;
    this.clock = clock;
  }

  public Future<Void> start() {
    log.info("{} starting: {}", config.id(), config);
    context = vertx.getOrCreateContext();
    server = new PartitionServer(config, streams, registry, clock, context);
    // A range served or released is news the manager is waiting for: report it now, not next beat.
    server.changeHandler(() -> context.runOnContext(v -> heartbeat()));
    GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(PartitionGrpc.MESSAGE_BYTES_MAX));
    Handler<HttpServerRequest> serving = PartitionServerBinding.bind(grpc, server, streams::replicas);
    client = PartitionGrpc.client(vertx);
    manager = new GrpcPartitionManagerClient(client, config.managerEndpoints(), config.callTimeout());
    return vertx.createHttpServer(RpcTransport.serverOptions().setHost(config.endpoint().host())
            .setMaxHeaderSize(ObjectTransfer.CALL_HEADER_CHARS_MAX + 16 * 1024))
        .requestHandler(serving)
        .listen(config.endpoint().port(), config.endpoint().host())
        .map(s -> {
          http = s;
          endpoint = Endpoint.of(config.endpoint().host(), s.actualPort());
          timer = vertx.setPeriodic(1, config.heartbeatInterval().toMillis(), id -> context.runOnContext(v -> heartbeat()));
          long gcEvery = config.ranges().gc().interval().toMillis();
          if (gcEvery > 0) {
            gcTimer = vertx.setPeriodic(gcEvery, id -> context.runOnContext(v -> collectGarbage()));
          }
          log.info("{} listening on {}", config.id(), endpoint);
          return null;
        });
  }

  private void heartbeat() {
    if (timer < 0) {
      return;
    }
    if (heartbeating) {
      heartbeatAgain = true;
      return;
    }
    heartbeating = true;
    long sentAtMs = clock.millis();
    manager.heartbeat(server.report(PartitionServerInfo.of(config.id(), endpoint))).onComplete(ar -> {
      heartbeating = false;
      if (heartbeatAgain) {
        heartbeatAgain = false;
        context.runOnContext(v -> heartbeat());
      }
      if (ar.succeeded()) {
        if (failedHeartbeats > 0) {
          log.info("{} heartbeat answered again after {} failure(s)", config.id(), failedHeartbeats);
        }
        failedHeartbeats = 0;
        server.update(ar.result(), sentAtMs + config.leaseDuration().toMillis());
      } else if (failedHeartbeats++ == 0) {
        log.warn("{} heartbeat failed (logging again once it recovers): {}", config.id(), ar.cause().toString());
      }
    });
  }

  /**
   * One garbage-collection pass over every range this server serves
   * ({@link PartitionServer#collectGarbage}); joins the pass running, if any. Runs every
   * {@code GcConfig.interval()} on its own and when forced (the console's gc verb).
   */
  public Future<List<GcPass>> collectGarbage() {
    if (gcRunning == null || gcRunning.isComplete()) {
      gcRunning = server.collectGarbage();
    }
    return gcRunning;
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (gcTimer >= 0) {
      vertx.cancelTimer(gcTimer);
      gcTimer = -1;
    }
    if (server != null) {
      server.metrics().close();
    }
    Future<Void> closed = http == null ? Future.succeededFuture() : http.close();
    return closed.eventually(() -> client == null ? Future.succeededFuture() : client.close())
        .onComplete(ar -> log.info("{} stopped", config.id()));
  }

  /** Where the gRPC server listens (valid after start). */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The local object service (for the composition root's health checks and tests). */
  public PartitionServer server() {
    return server;
  }
}
