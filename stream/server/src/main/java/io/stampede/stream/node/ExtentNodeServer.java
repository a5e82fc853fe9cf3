package io.stampede.stream.node;

import io.stampede.common.rpc.RpcTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.grpc.GrpcExtentNodeConnector;
import io.stampede.stream.api.grpc.GrpcStreamManagerClient;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.stampede.stream.api.http.BlockTransfer;
import io.stampede.stream.api.http.BlockTransferClient;
import io.stampede.stream.extent.ExtentStore;
import io.stampede.stream.grpc.ExtentNodeRpcBinding;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extent node role: opens the node's extent store, serves {@link ExtentNode} over gRPC on
 * {@code config.endpoint()} and its blocks over the data plane on the same port
 * ({@link BlockReadHandler}), heartbeats to the stream manager (free space and replica report,
 * every heartbeat interval) and scrubs its sealed replicas in the background. {@link #start()}
 * completes once the node listens and the manager has answered one heartbeat.
 */
public final class ExtentNodeServer {
  private static final Logger log = LoggerFactory.getLogger(ExtentNodeServer.class);
  /**
   * The largest block write body, in group-commit batches: a writer's batch with its records'
   * headers, with room for many small blocks.
   */
  private static final int WRITE_BODY_BATCHES = 2;
  /** Pause between scrub passes, in heartbeat intervals. */
  private static final int SCRUB_PAUSE_HEARTBEATS = 10;

  private final Vertx vertx;
  private final ExtentNodeConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private ExtentStore store;
  private ExtentNode node;
  private GrpcClient grpcClient;
  private BlockTransferClient transfers;
  private HttpServer httpServer;
  private StreamManagerApi manager;
  private Endpoint bound;
  private Scrubber scrubber;
  private long heartbeatTimer = -1;
  private volatile boolean stopped;

  public ExtentNodeServer(Vertx vertx, ExtentNodeConfig config, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.clock = clock;
  }

  public Future<Void> start() {
    log.info("{} starting: {}", config.id(), config);
    store = new ExtentStore(config.id().value(), config.dataDir(), config.blockBytesMax(),
        config.openFilesMax());
    return vertx.executeBlocking(() -> {
      store.load();
      return null;
    }).compose(v -> {
      grpcClient = StreamGrpc.client(vertx);
      manager = new GrpcStreamManagerClient(grpcClient, config.streamManagers(), config.rpcTimeout());
      transfers = BlockTransferClient.create(vertx, config.rpcTimeout());
      node = new ExtentNode(vertx, config, store,
          new GrpcExtentNodeConnector(grpcClient, transfers, config.rpcTimeout()),
          new ExtentNodeMetrics(registry, config));
      GrpcServer grpc = GrpcServer.server(vertx, StreamGrpc.serverOptions());
      ExtentNodeRpcBinding.bind(grpc, node);
      httpServer = vertx.createHttpServer(RpcTransport.serverOptions()
          .setHost(config.endpoint().host()).setPort(config.endpoint().port()))
          .requestHandler(serving(grpc, node, new BlockReadHandler(node),
              new BlockWriteHandler(node, config.blockBytesMax(), WRITE_BODY_BATCHES * (long) config.batchBytesMax())));
      // the token goes into the directory before anyone can ask for it
      return node.localDir().compose(dir -> httpServer.listen());
    }).compose(server -> {
      bound = Endpoint.of(config.endpoint().host(), server.actualPort());
      log.info("{} serving on {} at {}", config.id(), bound, clock.instant());
      Promise<Void> registered = Promise.promise();
      heartbeatUntilAnswered(registered);
      return registered.future();
    }).onSuccess(v -> {
      heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), t -> heartbeat());
      scrubber = new Scrubber(vertx, node, manager, this::info, config.scrubBytesPerSecond(),
          config.heartbeatInterval().multipliedBy(SCRUB_PAUSE_HEARTBEATS));
      scrubber.start();
    });
  }

  /**
   * Block reads and writes ({@link BlockTransfer}) to {@code reads} and {@code writes}, the
   * question where the files are to {@code node}, every other request (gRPC) to {@code grpc}.
   */
  private static Handler<HttpServerRequest> serving(GrpcServer grpc, ExtentNode node, BlockReadHandler reads,
      BlockWriteHandler writes) {
    return request -> {
      if (BlockTransfer.LOCAL_PATH.equals(request.path()) && request.method() == HttpMethod.GET) {
        node.localDir().onComplete(dir -> {
          if (dir.succeeded()) {
            request.response().end(dir.result().answer());
          } else {
            BlockRefusal.send(request, dir.cause());
          }
        });
      } else if (BlockTransfer.isBlockPath(request.path()) && request.method() == HttpMethod.POST) {
        writes.handle(request);
      } else if (BlockTransfer.isBlockPath(request.path())) {
        reads.handle(request);
      } else {
        grpc.handle(request);
      }
    };
  }

  /** Stops gracefully: in-flight requests finish, files are closed. */
  public Future<Void> stop() {
    stopTimers();
    Future<Void> closing = httpServer == null ? Future.succeededFuture() : httpServer.close();
    return closing.eventually(this::release)
        .onComplete(ar -> log.info("{} stopped", config.id()));
  }

  /**
   * Kills the node as kill -9 would, for tests and chaos: it stops answering at once (its server
   * and connections close, calls in flight are dropped unanswered), heartbeats and scrubbing stop,
   * files are closed without any further fsync and stay on disk. Restart with a new
   * {@code ExtentNodeServer} on the same config.
   */
  public Future<Void> kill() {
    stopTimers();
    if (node != null) {
      node.halt();
    }
    log.warn("{} killed", config.id());
    Future<Void> closing = httpServer == null ? Future.succeededFuture() : httpServer.close();
    return closing.eventually(this::release);
  }

  private void stopTimers() {
    stopped = true;
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
    if (scrubber != null) {
      scrubber.stop();
    }
  }

  private Future<Void> release() {
    return (node == null ? Future.<Void>succeededFuture() : node.close())
        .eventually(() -> grpcClient == null ? Future.succeededFuture() : grpcClient.close())
        .eventually(() -> transfers == null ? Future.succeededFuture() : transfers.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          if (store != null) {
            store.close();
          }
          return null;
        }))
        .mapEmpty();
  }

  /** Where the node listens (the bound port when configured with port 0). */
  public Endpoint endpoint() {
    return bound != null ? bound : config.endpoint();
  }

  public ExtentNodeId id() {
    return config.id();
  }

  /** The local service, for in-process wiring. */
  public ExtentNode node() {
    return node;
  }

  private ExtentNodeInfo info() {
    return new ExtentNodeInfo(config.id(), config.rack(), endpoint());
  }

  private void heartbeatUntilAnswered(Promise<Void> registered) {
    if (stopped) {
      registered.tryFail("stopped");
      return;
    }
    heartbeat().onComplete(ar -> {
      if (ar.succeeded()) {
        registered.tryComplete();
      } else {
        vertx.setTimer(config.heartbeatInterval().toMillis(), t -> heartbeatUntilAnswered(registered));
      }
    });
  }

  private Future<Void> heartbeat() {
    if (stopped) {
      return Future.failedFuture("stopped");
    }
    return node.heartbeat(manager, info())
        .onFailure(t -> log.warn("{} heartbeat to the stream manager (peers {}) failed: {}",
            config.id(), config.streamManagers(), t.toString()));
  }
}
