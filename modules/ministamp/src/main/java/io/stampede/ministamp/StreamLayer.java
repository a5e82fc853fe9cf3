package io.stampede.ministamp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi.NodeStatus;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.api.grpc.GrpcExtentNodeConnector;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerServer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stamp's stream layer: a stream manager and extent nodes on every rack. Extent nodes can be
 * killed and restarted one by one or rack by rack; a killed node keeps its files, and a restart
 * starts a new server from the same config on the same data directory.
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
  private StreamManagerServer manager;

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
            config.stampDir().resolve(rack.value()).resolve(id.value()), ports.streamManager())
            .withHeartbeatInterval(config.heartbeatInterval()));
      }
    }
    Gauge.builder("stampede.stamp.extent.nodes", this, l -> l.upCount())
        .description("extent nodes whose process runs").tags("state", "up").register(registry);
    Gauge.builder("stampede.stamp.extent.nodes", this, l -> l.nodeConfigs.size() - l.upCount())
        .description("extent nodes killed and not restarted").tags("state", "down").register(registry);
  }

  Future<Void> start() {
    StreamManagerConfig managerConfig = managerConfig();
    manager = new StreamManagerServer(vertx, managerConfig, registry, clock);
    inspectionGrpc = StreamGrpc.client(vertx);
    inspection = new GrpcExtentNodeConnector(inspectionGrpc, INSPECTION_TIMEOUT);
    return manager.start().compose(v -> {
      List<Future<Void>> started = new ArrayList<>();
      nodeConfigs.keySet().forEach(id -> started.add(startNode(id)));
      return Future.all(started).mapEmpty();
    });
  }

  private StreamManagerConfig managerConfig() {
    return StreamManagerConfig.defaults(config.stamp(), ports.streamManager(),
        config.stampDir().resolve("stream-manager")).withNodeTimeout(config.nodeTimeout());
  }

  /** A stream client for one partition server, over gRPC. */
  StreamClient newClient() {
    ReplicatedStreamClient client = ReplicatedStreamClient.connect(vertx, ports.streamManager(),
        StreamClientConfig.defaults().withExtentBytesTarget(config.extentBytesTarget()));
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
    return server.start().onFailure(t -> {
      synchronized (this) {
        running.remove(id, server);
      }
    });
  }

  /** Reaches any extent node over gRPC, for invariant checks. */
  ExtentNodeApi nodeApi(ExtentNodeInfo node) {
    return inspection.apply(node);
  }

  /** The stream layer as the stream manager knows it, with which nodes are up. */
  Future<StreamSnapshot> describe() {
    if (manager == null || manager.api() == null) {
      return Future.failedFuture(new IllegalStateException(config.stamp() + " stream layer not started"));
    }
    return manager.api().describe().map(this::snapshot);
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
        .transform(ar -> manager == null ? Future.succeededFuture() : manager.stop())
        .transform(ar -> inspectionGrpc == null ? Future.succeededFuture() : inspectionGrpc.close())
        .mapEmpty();
  }
}
