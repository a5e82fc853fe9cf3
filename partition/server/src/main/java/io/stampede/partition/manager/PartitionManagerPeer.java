package io.stampede.partition.manager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.grpc.PartitionManagerBinding;
import io.stampede.proto.partition.ManagerCommandMsg;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of the partition manager: a Ratis server running {@link PartitionManagerStateMachine},
 * a Ratis client, a gRPC front (PartitionManagerRpc) submitting through that client, and, while
 * this peer leads, a timer that creates the initial ranges and assigns ranges without a live
 * server. Blocking Ratis calls run on worker threads.
 */
public final class PartitionManagerPeer {
  private static final Logger log = LoggerFactory.getLogger(PartitionManagerPeer.class);

  private final Vertx vertx;
  private final PartitionManagerConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final RaftGroup group;
  private final PartitionManagerStateMachine stateMachine;
  private RaftServer raftServer;
  private RaftClient raftClient;
  private RaftPartitionManager manager;
  private HttpServer http;
  private Endpoint endpoint;
  private long timer = -1;
  private Gauge leaderGauge;
  private boolean ticking;

  public PartitionManagerPeer(Vertx vertx, PartitionManagerConfig config, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.stateMachine = new PartitionManagerStateMachine(config.id().value());
    List<RaftPeer> peers = config.raftPeers().entrySet().stream()
        .map(e -> RaftPeer.newBuilder().setId(e.getKey().value()).setAddress(e.getValue().toString()).build())
        .toList();
    UUID groupUuid = UUID.nameUUIDFromBytes(("partition-manager/" + config.stamp()).getBytes(StandardCharsets.UTF_8));
    this.group = RaftGroup.valueOf(RaftGroupId.valueOf(groupUuid), peers);
  }

  public Future<Void> start() {
    log.info("{} starting: {}", config.id(), config);
    return vertx.executeBlocking(() -> {
      startRaft();
      return null;
    }, false).compose(v -> {
      manager = new RaftPartitionManager(raftClient, clock, config.leaseDuration(), vertx.getOrCreateContext());
      GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(PartitionGrpc.MESSAGE_BYTES_MAX));
      grpc.addService(new PartitionManagerBinding(manager));
      return vertx.createHttpServer().requestHandler(grpc)
          .listen(config.grpcEndpoint().port(), config.grpcEndpoint().host());
    }).map(server -> {
      http = server;
      endpoint = Endpoint.of(config.grpcEndpoint().host(), server.actualPort());
      timer = vertx.setPeriodic(config.tickInterval().toMillis(), id -> tick());
      leaderGauge = Gauge.builder("stampede.partition.manager.leader", () -> isLeader() ? 1 : 0)
          .tags(Tags.of("stamp", config.stamp().value(), "node", config.id().value()))
          .register(registry);
      log.info("{} serves PartitionManagerRpc on {}", config.id(), endpoint);
      return null;
    });
  }

  private void startRaft() throws IOException {
    Endpoint raft = config.raftPeers().get(config.id());
    RaftProperties props = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(props, List.of(config.dataDir().toFile()));
    GrpcConfigKeys.Server.setHost(props, raft.host());
    GrpcConfigKeys.Server.setPort(props, raft.port());
    RaftServerConfigKeys.Read.setOption(props, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, 1000L);
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(props, true);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
    raftServer = RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(config.id().value()))
        .setStateMachine(stateMachine)
        .setProperties(props)
        .setGroup(group)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    raftServer.start();
    RaftProperties clientProps = new RaftProperties();
    TimeDuration requestTimeout = TimeDuration.valueOf(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    org.apache.ratis.client.RaftClientConfigKeys.Rpc.setRequestTimeout(clientProps, requestTimeout);
    raftClient = RaftClient.newBuilder()
        .setProperties(clientProps)
        .setRaftGroup(group)
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(20,
            TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
        .build();
  }

  /** On the leader: creates the ranges once, and assigns ranges that have no live server. */
  private void tick() {
    if (ticking || !isLeader()) {
      return;
    }
    long now = clock.millis();
    long graceMs = config.assignmentGrace().toMillis();
    ManagerCommandMsg command;
    if (stateMachine.read(PartitionAssignment::isEmpty)) {
      command = ManagerCommandMsg.newBuilder().setInitialize(ManagerCommandMsg.InitializeCmd.newBuilder()
          .addAllSplitPoints(config.splitPoints())).build();
    } else if (stateMachine.read(a -> a.needsAssignment(now, graceMs))) {
      command = ManagerCommandMsg.newBuilder().setAssignOrphans(ManagerCommandMsg.AssignOrphansCmd.newBuilder()
          .setNowMs(now).setGraceMs(graceMs)).build();
    } else {
      return;
    }
    ticking = true;
    manager.submit(command).onComplete(ar -> {
      ticking = false;
      if (ar.failed()) {
        log.warn("{} could not submit {}: {}", config.id(), command.getKindCase(), ar.cause().toString());
      }
    });
  }

  /** Whether this peer currently leads the Raft group. */
  public boolean isLeader() {
    try {
      return raftServer != null && raftServer.getDivision(group.getGroupId()).getInfo().isLeader();
    } catch (IOException e) {
      return false;
    }
  }

  /** Where the PartitionManagerRpc front listens (valid after start). */
  public Endpoint endpoint() {
    return endpoint;
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (leaderGauge != null) {
      registry.remove(leaderGauge);
    }
    Future<Void> front = http == null ? Future.succeededFuture() : http.close();
    return front.eventually(() -> vertx.executeBlocking(() -> {
      closeRaft();
      return null;
    }, false)).onComplete(ar -> log.info("{} stopped", config.id())).mapEmpty();
  }

  private void closeRaft() throws Exception {
    if (raftClient != null) {
      raftClient.close();
    }
    if (raftServer == null) {
      return;
    }
    RaftServer server = raftServer;
    try {
      CompletableFuture.runAsync(() -> {
        try {
          server.close();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).get(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("{} Raft server did not close within {}", config.id(), config.closeTimeout());
    }
  }
}
