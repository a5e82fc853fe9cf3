package io.stampede.stream.manager;

import io.stampede.common.rpc.RpcTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.net.Endpoint;
import io.stampede.raft.LeaderChange;
import io.stampede.raft.ReplicatedPeer;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.grpc.GrpcExtentNodeConnector;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.stampede.stream.grpc.StreamManagerRpcBinding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of the stream manager: a {@link ReplicatedPeer} running
 * {@link StreamManagerStateMachine}, and a StreamManagerRpc front on {@code config.endpoint()}.
 * While this peer leads, and only then, it runs a {@link StreamManager} (placement, extent
 * creation, sealing, liveness from heartbeats, orphan collection) and a repair round every
 * {@code repairInterval}; each leadership builds a fresh one, whose failure detector starts
 * listening at that moment. Followers answer UNAVAILABLE, and clients try the next peer.
 */
public final class StreamManagerPeer {
  private static final Logger log = LoggerFactory.getLogger(StreamManagerPeer.class);

  private final Vertx vertx;
  private final StreamManagerConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final ReplicatedPeer<StreamManagerStateMachine> raft;
  private final LeaderOnly front;
  private StreamManagerMetrics metrics;
  private GrpcClient grpcClient;
  private HttpServer httpServer;
  private Endpoint bound;
  private long repairTimer = -1;
  private boolean repairing;
  private boolean stopped;
  private long term;

  public StreamManagerPeer(Vertx vertx, StreamManagerConfig config, MeterRegistry registry,
      Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.raft = new ReplicatedPeer<>(vertx, config.raftGroup(),
        new StreamManagerStateMachine(config.id().value()));
    this.front = new LeaderOnly(config.id().value(),
        () -> raft.leader().map(ManagerPeerId::value).orElse("(none)"));
    raft.leaderChangeHandler(this::leaderChanged);
  }

  public Future<Void> start() {
    log.info("{} starting: {}", config.id(), config);
    stopped = false;
    return raft.start().compose(v -> {
      grpcClient = StreamGrpc.client(vertx);
      metrics = new StreamManagerMetrics(registry, config);
      GrpcServer grpc = GrpcServer.server(vertx, StreamGrpc.serverOptions());
      grpc.addService(new StreamManagerRpcBinding(front));
      return vertx.createHttpServer(RpcTransport.serverOptions()
          .setHost(config.endpoint().host()).setPort(config.endpoint().port()))
          .requestHandler(grpc).listen();
    }).map(server -> {
      httpServer = server;
      bound = Endpoint.of(config.endpoint().host(), server.actualPort());
      log.info("{} serves StreamManagerRpc on {}", config.id(), bound);
      if (raft.isLeader()) {
        lead();
      }
      return null;
    });
  }

  private void leaderChanged(LeaderChange change) {
    if (change.selfLeads()) {
      lead();
    } else {
      stepDown();
    }
  }

  /**
   * Builds this leadership's manager once the local state holds every committed command (a read
   * barrier), then serves with it and starts the repair timer.
   */
  private void lead() {
    if (stopped || metrics == null || front.current() != null) {
      return;
    }
    long myTerm = ++term;
    RaftMetadataStore store = new RaftMetadataStore(raft);
    store.sync().onComplete(ar -> {
      if (myTerm != term || stopped || !raft.isLeader()) {
        return;
      }
      if (ar.failed()) {
        log.warn("{} could not catch up as leader: {}", config.id(), ar.cause().toString());
        vertx.setTimer(config.repairInterval().toMillis(), t -> {
          if (myTerm == term) {
            term++;
            lead();
          }
        });
        return;
      }
      front.lead(new StreamManager(config, store, new PlacementPolicy(new Random(config.placementSeed())),
          new GrpcExtentNodeConnector(grpcClient, config.rpcTimeout()), metrics, clock));
      repairTimer = vertx.setPeriodic(config.repairInterval().toMillis(), t -> repairOnce());
      log.info("{} leads the stream manager: nodes count as alive for {} while their heartbeats"
          + " arrive", config.id(), config.nodeTimeout());
    });
  }

  private void stepDown() {
    term++;
    if (repairTimer >= 0) {
      vertx.cancelTimer(repairTimer);
      repairTimer = -1;
    }
    if (front.current() != null) {
      log.info("{} no longer leads the stream manager", config.id());
    }
    front.lead(null);
  }

  /** One repair round at a time; a slow round makes the next ticks skip. */
  private void repairOnce() {
    StreamManager manager = front.current();
    if (repairing || manager == null) {
      return;
    }
    repairing = true;
    manager.repair().onComplete(ar -> repairing = false);
  }

  /** Leaves the group in order: Raft first (calls in flight fail), then the front shuts down gracefully. */
  public Future<Void> stop() {
    return halt(true);
  }

  /** As a crash: the front closes at once, then Raft; the Raft log stays on disk for a restart. */
  public Future<Void> kill() {
    return halt(false);
  }

  private Future<Void> halt(boolean graceful) {
    stopped = true;
    stepDown();
    Future<Void> closing = httpServer == null || graceful ? Future.succeededFuture()
        : httpServer.close();
    return closing.eventually(raft::stop)
        .eventually(() -> httpServer == null || !graceful ? Future.succeededFuture()
            : httpServer.shutdown(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .eventually(() -> grpcClient == null ? Future.succeededFuture() : grpcClient.close())
        .onComplete(ar -> log.info("{} {}", config.id(), graceful ? "stopped" : "killed"))
        .mapEmpty();
  }

  public ManagerPeerId id() {
    return config.id();
  }

  /** Where its StreamManagerRpc front listens (the bound port when configured with port 0). */
  public Endpoint endpoint() {
    return bound != null ? bound : config.endpoint();
  }

  /** Whether this peer leads the Raft group now. */
  public boolean isLeader() {
    return raft.isLeader();
  }

  /** The leader this peer knows of, if any. */
  public Optional<ManagerPeerId> leader() {
    return raft.leader();
  }

  /** Whether this peer leads and serves as the manager (caught up, failure detector running). */
  public boolean serving() {
    return front.current() != null;
  }

  /** This peer's front: the manager while it leads, UNAVAILABLE otherwise. */
  public StreamManagerApi api() {
    return front;
  }

  /** How many stream extents this peer's state machine knows (its local, possibly lagging view). */
  public int extentsKnown() {
    return raft.read(sm -> sm.metadata().extents().size());
  }
}
