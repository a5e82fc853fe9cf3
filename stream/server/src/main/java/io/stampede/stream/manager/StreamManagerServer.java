package io.stampede.stream.manager;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.grpc.GrpcExtentNodeConnector;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.stampede.stream.grpc.StreamManagerRpcBinding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import java.time.Clock;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream manager role: replays its journal, then serves {@link StreamManager} over gRPC on
 * {@code config.endpoint()}, reaching extent nodes over gRPC, and runs a repair round every
 * {@code repairInterval}.
 */
public final class StreamManagerServer {
  private static final Logger log = LoggerFactory.getLogger(StreamManagerServer.class);

  private final Vertx vertx;
  private final StreamManagerConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private MetadataJournal journal;
  private StreamManager manager;
  private GrpcClient grpcClient;
  private HttpServer httpServer;
  private Endpoint bound;
  private long repairTimer = -1;
  private volatile boolean repairing;

  public StreamManagerServer(Vertx vertx, StreamManagerConfig config, MeterRegistry registry,
      Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.clock = clock;
  }

  public Future<Void> start() {
    log.info("stream-manager starting: {}", config);
    StreamMetadata metadata = new StreamMetadata();
    return vertx.executeBlocking(() -> {
      journal = MetadataJournal.open(config.dataDir(), metadata::apply);
      return null;
    }).compose(v -> {
      grpcClient = StreamGrpc.client(vertx);
      manager = new StreamManager(config, metadata, CommandLog.of(vertx, journal),
          new PlacementPolicy(new Random(config.placementSeed())),
          new GrpcExtentNodeConnector(grpcClient, config.rpcTimeout()),
          new StreamManagerMetrics(registry, config), clock);
      GrpcServer grpc = GrpcServer.server(vertx, StreamGrpc.serverOptions());
      grpc.addService(new StreamManagerRpcBinding(manager));
      httpServer = vertx.createHttpServer(new HttpServerOptions()
          .setHost(config.endpoint().host()).setPort(config.endpoint().port()))
          .requestHandler(grpc);
      return httpServer.listen();
    }).map(server -> {
      bound = Endpoint.of(config.endpoint().host(), server.actualPort());
      log.info("stream-manager serving on {}", bound);
      repairTimer = vertx.setPeriodic(config.repairInterval().toMillis(), t -> repairOnce());
      return null;
    });
  }

  /** One repair round at a time; a slow round makes the next ticks skip. */
  private void repairOnce() {
    if (repairing) {
      return;
    }
    repairing = true;
    manager.repair().onComplete(ar -> repairing = false);
  }

  public Future<Void> stop() {
    if (repairTimer >= 0) {
      vertx.cancelTimer(repairTimer);
    }
    Future<Void> closing = httpServer == null ? Future.succeededFuture() : httpServer.close();
    return closing
        .eventually(() -> grpcClient == null ? Future.succeededFuture() : grpcClient.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          if (journal != null) {
            journal.close();
          }
          return null;
        }))
        .onComplete(ar -> log.info("stream-manager stopped"))
        .mapEmpty();
  }

  /** Where it listens (the bound port when configured with port 0). */
  public Endpoint endpoint() {
    return bound != null ? bound : config.endpoint();
  }

  /** The local service, for in-process wiring and status views. */
  public StreamManager api() {
    return manager;
  }
}
