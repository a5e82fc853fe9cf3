package io.stampede.partition.manager;

import io.stampede.common.rpc.RpcTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.grpc.PartitionManagerBinding;
import io.stampede.partition.range.RangePartition;
import io.stampede.proto.storage.ManagerCommandMsg;
import io.stampede.raft.LeaderChange;
import io.stampede.raft.ReplicatedPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of the partition manager: a {@link ReplicatedPeer} running
 * {@link PartitionManagerStateMachine}, a gRPC front (PartitionManagerRpc) whose requests the
 * peer's Raft client forwards to the leader, and, while this peer leads, a timer that creates the
 * initial ranges and assigns ranges without a live server.
 */
public final class PartitionManagerPeer {
  private static final Logger log = LoggerFactory.getLogger(PartitionManagerPeer.class);

  private final Vertx vertx;
  private final PartitionManagerConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final PartitionManagerStateMachine stateMachine;
  private final ReplicatedPeer<PartitionManagerStateMachine> raft;
  private final BalancePolicy policy;
  private RaftPartitionManager manager;
  private PartitionManagerMetrics metrics;
  private HttpServer http;
  private Endpoint endpoint;
  private long timer = -1;
  private boolean ticking;
  private Function<StreamId, Future<Void>> streamDeleter;
  private boolean stopped;

  public PartitionManagerPeer(Vertx vertx, PartitionManagerConfig config, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.stateMachine = new PartitionManagerStateMachine(config.id().value());
    this.policy = new BalancePolicy(config.balance());
    this.raft = new ReplicatedPeer<>(vertx, config.raftGroup(), stateMachine);
    raft.leaderChangeHandler(this::leaderChanged);
  }

  /**
   * Lets the leader delete the blob and checkpoint streams of retired ranges no current range
   * needs any more ({@link PartitionAssignment#unneededRetired}); without it they are kept.
   */
  public PartitionManagerPeer streamDeleter(Function<StreamId, Future<Void>> deleter) {
    this.streamDeleter = deleter;
    return this;
  }

  public Future<Void> start() {
    log.info("{} starting: {}", config.id(), config);
    return raft.start().compose(v -> {
      manager = new RaftPartitionManager(raft.client(), clock, config.leaseDuration());
      GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(PartitionGrpc.MESSAGE_BYTES_MAX));
      grpc.addService(new PartitionManagerBinding(manager));
      return vertx.createHttpServer(RpcTransport.serverOptions()).requestHandler(grpc)
          .listen(config.grpcEndpoint().port(), config.grpcEndpoint().host());
    }).map(server -> {
      http = server;
      endpoint = Endpoint.of(config.grpcEndpoint().host(), server.actualPort());
      metrics = new PartitionManagerMetrics(registry, config.stamp(), config.id(), this::isLeader, this::reading);
      if (raft.isLeader()) {
        startTicking();
      }
      log.info("{} serves PartitionManagerRpc on {}", config.id(), endpoint);
      return null;
    });
  }

  private PartitionManagerMetrics.Reading reading() {
    long now = clock.millis();
    long redirects = raft.client() == null ? 0 : raft.client().redirects();
    return raft.read(sm -> new PartitionManagerMetrics.Reading(sm.commandsApplied(), sm.assignment().version(),
        sm.assignment().ranges().size(), sm.assignment().liveServerCount(now), sm.rangesAssigned(), redirects,
        sm.splits(), sm.merges(), sm.moves()));
  }

  /** Leader-only work runs exactly while this peer leads. */
  private void leaderChanged(LeaderChange change) {
    if (change.selfLeads()) {
      startTicking();
    } else {
      stopTicking();
    }
  }

  private void startTicking() {
    if (timer < 0 && !stopped) {
      timer = vertx.setPeriodic(config.tickInterval().toMillis(), id -> tick());
      log.info("{} leads: checking assignments every {}", config.id(), config.tickInterval());
    }
  }

  private void stopTicking() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * On the leader: creates the ranges once, assigns ranges that have no live server (once what
   * they wait for is released), else takes the balancing step the policy proposes.
   */
  private void tick() {
    if (ticking || manager == null || !isLeader()) {
      return;
    }
    long now = clock.millis();
    long graceMs = config.assignmentGrace().toMillis();
    ManagerCommandMsg command;
    if (raft.read(sm -> sm.assignment().isEmpty())) {
      command = AssignmentCodec.initialize(config.splitPoints());
    } else if (raft.read(sm -> sm.assignment().needsAssignment(now, graceMs))) {
      command = AssignmentCodec.assignOrphans(now, graceMs);
    } else if (streamDeleter != null && !raft.read(sm -> sm.assignment().unneededRetired()).isEmpty()) {
      PartitionId unneeded = raft.read(sm -> sm.assignment().unneededRetired()).get(0);
      ticking = true;
      deleteRetired(unneeded).onComplete(ar -> {
        ticking = false;
        if (ar.failed()) {
          log.warn("{} could not delete the streams of retired {} (tried again): {}", config.id(), unneeded,
              ar.cause().toString());
        }
      });
      return;
    } else {
      Optional<BalancePolicy.Step> step = raft.read(sm -> policy.next(sm.assignment(), now));
      if (step.isEmpty()) {
        return;
      }
      command = command(step.get(), now);
      log.info("{} balances: {}", config.id(), step.get());
    }
    ticking = true;
    manager.submit(command).onComplete(ar -> {
      ticking = false;
      if (ar.failed()) {
        log.warn("{} could not submit {}: {}", config.id(), command.getKindCase(), ar.cause().toString());
      }
    });
  }

  /**
   * Deletes a retired range's blob and checkpoint streams (idempotent), then forgets the range.
   * Its commit log stays: {@code rebuild-index} follows every log's lineage.
   */
  private Future<Void> deleteRetired(PartitionId range) {
    List<StreamId> streams = List.of(RangePartition.blobStream(range), CheckpointStore.dataStream(range),
        CheckpointStore.metaStream(range));
    Future<Void> all = Future.succeededFuture();
    for (StreamId s : streams) {
      all = all.compose(v -> streamDeleter.apply(s));
    }
    return all.compose(v -> manager.submit(AssignmentCodec.forgetRetired(range)))
        .onSuccess(v -> log.info("{} deleted the streams of retired range {}: {}", config.id(), range, streams))
        .mapEmpty();
  }

  private static ManagerCommandMsg command(BalancePolicy.Step step, long now) {
    if (step instanceof BalancePolicy.Split s) {
      return AssignmentCodec.split(s.range(), Optional.of(s.key()), now);
    } else if (step instanceof BalancePolicy.Merge m) {
      return AssignmentCodec.merge(m.left(), now);
    } else if (step instanceof BalancePolicy.Move m) {
      return AssignmentCodec.move(m.range(), m.to(), now);
    }
    return ManagerCommandMsg.getDefaultInstance();
  }

  /** The load of each range as its server last reported it, by this peer's (possibly lagging) state. */
  public Map<PartitionId, RangeLoad> loads() {
    long now = clock.millis();
    return raft.read(sm -> sm.assignment().loads(now));
  }

  /** Whether this peer currently leads the Raft group. */
  public boolean isLeader() {
    return raft.isLeader();
  }

  /** Where the PartitionManagerRpc front listens (valid after start). */
  public Endpoint endpoint() {
    return endpoint;
  }

  public Future<Void> stop() {
    stopped = true;
    stopTicking();
    if (metrics != null) {
      metrics.close();
    }
    // Raft first: calls in flight fail at once and are answered while their streams are still open
    // (answering a stream the client already reset makes Vert.x log at ERROR); calls arriving
    // meanwhile get UNAVAILABLE and go to another peer. Then the front shuts down gracefully.
    return raft.stop()
        .eventually(() -> http == null ? Future.succeededFuture()
            : http.shutdown(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .onComplete(ar -> log.info("{} stopped", config.id())).mapEmpty();
  }
}
