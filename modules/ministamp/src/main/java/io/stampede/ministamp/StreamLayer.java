package io.stampede.ministamp;

import io.stampede.common.role.RoleLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.RackId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.StreamManagerApi.NodeStatus;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.api.grpc.GrpcExtentNodeConnector;
import io.stampede.stream.api.grpc.GrpcStreamManagerClient;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerPeer;
import io.stampede.stream.node.ExtentNodeConfig;
import io.stampede.stream.node.ExtentNodeServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stamp's stream layer: a stream manager of three Raft peers, and extent nodes on every rack.
 * Extent nodes can be killed and restarted one by one or rack by rack, manager peers one by one
 * (the leader, typically); a killed server keeps its files, and a restart starts a new server from
 * the same config on the same data directory.
 */
final class StreamLayer {
  private static final Logger log = LoggerFactory.getLogger(StreamLayer.class);
  /** Deadline of each read of a replica by the invariant checker. */
  private static final Duration INSPECTION_TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final StampConfig config;
  private final PortPlan ports;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<ExtentNodeId, ExtentNodeConfig> nodeConfigs = new LinkedHashMap<>();
  private final Map<ExtentNodeId, ExtentNodeServer> running = new HashMap<>();
  private final Map<ExtentNodeId, Future<Void>> stopping = new HashMap<>();
  private final List<ReplicatedStreamClient> clients = new ArrayList<>();
  private GrpcClient inspectionGrpc;
  private GrpcExtentNodeConnector inspection;
  private final Map<ManagerPeerId, StreamManagerConfig> managerConfigs = new TreeMap<>();
  private final Map<ManagerPeerId, StreamManagerPeer> managers = new TreeMap<>();
  private final Map<ManagerPeerId, Future<Void>> managersStopping = new HashMap<>();
  private StreamManagerApi managerClient;

  StreamLayer(Vertx vertx, StampConfig config, PortPlan ports, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.ports = ports;
    this.registry = registry;
    this.clock = clock;
    for (int r = 1; r <= config.racks(); r++) {
      RackId rack = PortPlan.rack(r);
      for (int n = 1; n <= config.extentNodesPerRack(); n++) {
        ExtentNodeId id = ExtentNodeId.of(rack.value() + "n" + n);
        nodeConfigs.put(id, ExtentNodeConfig.defaults(config.stamp(), id, rack, ports.extentNode(r, n),
            config.stampDir().resolve(rack.value()).resolve(id.value()), ports.streamManagers())
            .withHeartbeatInterval(config.heartbeatInterval()));
      }
    }
    Gauge.builder("stampede.stamp.extent.nodes", this, l -> l.upCount())
        .description("extent nodes whose process runs").tags("state", "up").register(registry);
    Gauge.builder("stampede.stamp.extent.nodes", this, l -> l.nodeConfigs.size() - l.upCount())
        .description("extent nodes killed and not restarted").tags("state", "down").register(registry);
  }

  Future<Void> start() {
    Map<ManagerPeerId, io.stampede.common.net.Endpoint> raftPeers = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      raftPeers.put(ManagerPeerId.of("sm" + i), ports.streamManagerRaft(i));
    }
    for (int i = 1; i <= 3; i++) {
      ManagerPeerId id = ManagerPeerId.of("sm" + i);
      managerConfigs.put(id, StreamManagerConfig.defaults(config.stamp(), id, raftPeers,
          ports.streamManager(i), config.stampDir().resolve("stream-manager").resolve(id.value()))
          .withNodeTimeout(config.nodeTimeout()));
    }
    inspectionGrpc = StreamGrpc.client(vertx);
    inspection = new GrpcExtentNodeConnector(inspectionGrpc, INSPECTION_TIMEOUT);
    managerClient = new GrpcStreamManagerClient(inspectionGrpc, ports.streamManagers(), INSPECTION_TIMEOUT);
    return Future.all(managerConfigs.keySet().stream().map(this::startManager).toList()).compose(v -> {
      List<Future<Void>> started = new ArrayList<>();
      nodeConfigs.keySet().forEach(id -> started.add(startNode(id)));
      return Future.all(started).mapEmpty();
    });
  }

  private Future<Void> startManager(ManagerPeerId id) {
    StreamManagerPeer peer = new StreamManagerPeer(vertx, managerConfigs.get(id), registry, clock);
    synchronized (this) {
      if (managers.putIfAbsent(id, peer) != null) {
        return Future.succeededFuture();
      }
    }
    return RoleLoop.start(vertx, peer::start).onFailure(t -> {
      synchronized (this) {
        managers.remove(id, peer);
      }
    });
  }

  /** The manager peer that leads and serves now, if any. */
  synchronized Optional<ManagerPeerId> streamManagerLeader() {
    return managers.values().stream().filter(StreamManagerPeer::serving).map(StreamManagerPeer::id)
        .findFirst();
  }

  /** Kills the serving stream manager leader (its Raft log stays); fails when none serves. */
  Future<ManagerPeerId> killStreamManagerLeader() {
    StreamManagerPeer leader;
    Future<Void> stopped;
    synchronized (this) {
      leader = managers.values().stream().filter(StreamManagerPeer::serving).findFirst().orElse(null);
      if (leader == null) {
        return Future.failedFuture(new IllegalStateException(config.stamp() + " no stream manager leader serves now"));
      }
      managers.remove(leader.id());
      stopped = leader.kill();
      managersStopping.put(leader.id(), stopped.recover(t -> Future.succeededFuture()));
    }
    log.info("{} killed stream manager leader {}", config.stamp(), leader.id());
    return stopped.map(leader.id());
  }

  /** Restarts a killed stream manager peer on its Raft log; false when it was up. */
  Future<Boolean> restartStreamManagerPeer(ManagerPeerId id) {
    if (!managerConfigs.containsKey(id)) {
      throw new NoSuchElementException("no stream manager peer " + id + "; peers: " + managerConfigs.keySet());
    }
    Future<Void> previousStop;
    synchronized (this) {
      if (managers.containsKey(id)) {
        return Future.succeededFuture(false);
      }
      previousStop = managersStopping.getOrDefault(id, Future.succeededFuture());
    }
    log.info("{} restarting stream manager peer {}", config.stamp(), id);
    return previousStop.compose(v -> startManager(id)).map(true);
  }

  /** A stream client for one partition server, over gRPC. */
  StreamClient newClient() {
    ReplicatedStreamClient client = ReplicatedStreamClient.connect(vertx, ports.streamManagers(),
        StreamClientConfig.defaults().withExtentBytesTarget(config.extentBytesTarget()), registry);
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  /** Every extent node, rack by rack. */
  List<ExtentNodeId> nodeIds() {
    return List.copyOf(nodeConfigs.keySet());
  }

  List<RackId> racks() {
    return nodeConfigs.values().stream().map(ExtentNodeConfig::rack).distinct().toList();
  }

  /** The extent nodes of {@code rack}; fails with NoSuchElementException for an unknown rack. */
  List<ExtentNodeId> nodeIds(RackId rack) {
    List<ExtentNodeId> ids = nodeConfigs.values().stream().filter(c -> c.rack().equals(rack))
        .map(ExtentNodeConfig::id).toList();
    if (ids.isEmpty()) {
      throw new NoSuchElementException("no rack " + rack + " in " + config.stamp() + "; racks: " + racks());
    }
    return ids;
  }

  /** The node's config; fails with NoSuchElementException for an unknown node. */
  ExtentNodeConfig nodeConfig(ExtentNodeId id) {
    ExtentNodeConfig c = nodeConfigs.get(id);
    if (c == null) {
      throw new NoSuchElementException("no extent node " + id + " in " + config.stamp() + "; nodes: " + nodeIds());
    }
    return c;
  }

  /** The directory holding the node's extent replica files. */
  Path extentsDir(ExtentNodeId id) {
    return nodeConfig(id).dataDir().resolve("extents");
  }

  synchronized boolean isUp(ExtentNodeId id) {
    return running.containsKey(id);
  }

  private synchronized int upCount() {
    return running.size();
  }

  /**
   * Kills a node: it stops answering at once, its files stay. Completes with false when it was
   * already down.
   */
  Future<Boolean> kill(ExtentNodeId id) {
    nodeConfig(id);
    ExtentNodeServer server;
    Future<Void> stopped;
    synchronized (this) {
      server = running.remove(id);
      if (server == null) {
        return Future.succeededFuture(false);
      }
      stopped = server.kill().onFailure(t -> log.warn("{} kill failed: {}", id, t.toString()));
      stopping.put(id, stopped.recover(t -> Future.succeededFuture()));
    }
    log.info("{} killed {}", config.stamp(), id);
    return stopped.transform(ar -> Future.succeededFuture(true));
  }

  /**
   * Restarts a killed node from its config and data directory; completes once it serves and
   * the stream manager has heard from it, with false when it was already up.
   */
  Future<Boolean> restart(ExtentNodeId id) {
    ExtentNodeConfig nodeConfig = nodeConfig(id);
    Future<Void> previousStop;
    synchronized (this) {
      if (running.containsKey(id)) {
        return Future.succeededFuture(false);
      }
      previousStop = stopping.getOrDefault(id, Future.succeededFuture());
    }
    log.info("{} restarting {} on {}", config.stamp(), id, nodeConfig.dataDir());
    return previousStop.compose(v -> startNode(id)).map(true);
  }

  private Future<Void> startNode(ExtentNodeId id) {
    ExtentNodeServer server = new ExtentNodeServer(vertx, nodeConfigs.get(id), registry, clock);
    synchronized (this) {
      if (running.putIfAbsent(id, server) != null) {
        return Future.succeededFuture();
      }
    }
    return RoleLoop.start(vertx, server::start).onFailure(t -> {
      synchronized (this) {
        running.remove(id, server);
      }
    });
  }

  /** Reaches any extent node over gRPC, for invariant checks. */
  ExtentNodeApi nodeApi(ExtentNodeInfo node) {
    return inspection.apply(node);
  }

  /** The stream layer as the stream manager's leader knows it, with which nodes are up. */
  Future<StreamSnapshot> describe() {
    if (managerClient == null) {
      return Future.failedFuture(new IllegalStateException(config.stamp() + " stream layer not started"));
    }
    return managerClient.describe().map(this::snapshot);
  }

  /** The stream manager's description of the stream layer, plus the harness's view of which nodes run. */
  record StreamSnapshot(List<StampStatus.ExtentNodeStatus> nodes, List<StampStatus.ExtentStatus> extents,
      int underReplicated, List<StreamInfo> streams) {}

  private StreamSnapshot snapshot(StampStreams d) {
    List<StampStatus.ExtentStatus> extents = new ArrayList<>();
    for (StreamInfo s : d.streams()) {
      for (ExtentInfo e : s.extents()) {
        extents.add(new StampStatus.ExtentStatus(e.id(), s.id(), e.sealed(), e.sealedLength(),
            e.replicas().stream().map(ExtentNodeInfo::id).toList()));
      }
    }
    Map<ExtentNodeId, NodeStatus> seen = new HashMap<>();
    d.nodes().forEach(n -> seen.put(n.node().id(), n));
    List<StampStatus.ExtentNodeStatus> nodes = new ArrayList<>();
    for (ExtentNodeConfig c : nodeConfigs.values()) {
      NodeStatus n = seen.get(c.id());
      nodes.add(new StampStatus.ExtentNodeStatus(c.id(), c.rack(), c.endpoint(), isUp(c.id()),
          n != null && n.alive(), n == null ? 0 : n.replicas(), n == null ? 0 : n.replicaBytes()));
    }
    return new StreamSnapshot(nodes, extents, d.underReplicated(), d.streams());
  }

  Future<Void> stop() {
    List<Future<Void>> steps = new ArrayList<>();
    synchronized (clients) {
      clients.forEach(c -> steps.add(c.close()));
    }
    synchronized (this) {
      running.values().forEach(n -> steps.add(n.stop()));
      running.clear();
      steps.addAll(stopping.values());
    }
    return Future.join(steps)
        .transform(ar -> {
          List<Future<Void>> peers = new ArrayList<>();
          synchronized (this) {
            managers.values().forEach(m -> peers.add(m.stop()));
            managers.clear();
            peers.addAll(managersStopping.values());
          }
          return Future.join(peers);
        })
        .transform(ar -> inspectionGrpc == null ? Future.succeededFuture() : inspectionGrpc.close())
        .mapEmpty();
  }
}
