package io.stampede.ministamp;

import io.stampede.common.role.RoleLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.routing.RoutingConfig;
import io.stampede.partition.api.routing.RoutingPartitionClient;
import io.stampede.partition.gc.GcPass;
import io.stampede.partition.manager.PartitionManagerConfig;
import io.stampede.partition.manager.PartitionManagerPeer;
import io.stampede.partition.server.PartitionServerConfig;
import io.stampede.partition.server.PartitionServerNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.Optional;
import java.util.stream.Collectors;
import io.stampede.common.id.PartitionId;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.range.IndexRebuild;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamInfo;
import io.stampede.common.id.StreamId;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.grpc.GrpcPartitionManagerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.vertx.grpc.client.GrpcClient;

/** The stamp's partition layer: a partition manager on three Raft peers and partition servers. */
final class PartitionLayer {
  static final int MANAGER_PEERS = 3;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final StampConfig config;
  private final PortPlan ports;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<ManagerPeerId, PartitionManagerPeer> managers = new ConcurrentSkipListMap<>();
  private final Map<ManagerPeerId, PartitionManagerConfig> managerConfigs = new ConcurrentSkipListMap<>();
  private final Map<PartitionServerId, PartitionServerNode> servers = new ConcurrentSkipListMap<>();
  private final Map<PartitionServerId, PartitionServerConfig> serverConfigs = new ConcurrentSkipListMap<>();
  private StreamLayer streams;
  private RoutingPartitionClient router;
  private GrpcClient adminClient;
  private PartitionManagerApi admin;
  /** The stream client of the layer's own tools (index rebuild, checkpoint loss). */
  private StreamClient toolStreams;

  PartitionLayer(Vertx vertx, StampConfig config, PortPlan ports, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.ports = ports;
    this.registry = registry;
    this.clock = clock;
  }

  Future<Void> start(StreamLayer streamLayer) {
    this.streams = streamLayer;
    Map<ManagerPeerId, Endpoint> raftPeers = new LinkedHashMap<>();
    for (int i = 1; i <= MANAGER_PEERS; i++) {
      raftPeers.put(ManagerPeerId.of("pm" + i), ports.partitionManagerRaft(i));
    }
    List<Future<Void>> started = new ArrayList<>();
    int i = 1;
    for (ManagerPeerId peer : raftPeers.keySet()) {
      managerConfigs.put(peer, PartitionManagerConfig.defaults(config.stamp(), peer, raftPeers,
              ports.partitionManager(i), config.stampDir().resolve("partition-manager").resolve(peer.value()))
          .withBalance(config.balance()));
      started.add(startManager(peer));
      i++;
    }
    return Future.all(started).compose(v -> {
      List<Future<Void>> serving = new ArrayList<>();
      for (int k = 1; k <= config.partitionServers(); k++) {
        PartitionServerId id = PartitionServerId.of("ps" + k);
        serverConfigs.put(id, PartitionServerConfig.defaults(config.stamp(), id, ports.partitionServer(k),
            managerEndpoints()).withLimits(config.requestLimits()));
        serving.add(startServer(id));
      }
      return Future.all(serving);
    }).map(v -> {
      router = RoutingPartitionClient.connectDirect(vertx, managerEndpoints(), RoutingConfig.defaults(), registry);
      adminClient = PartitionGrpc.client(vertx);
      admin = new GrpcPartitionManagerClient(adminClient, managerEndpoints(), ADMIN_TIMEOUT);
      toolStreams = streams.newClient();
      return null;
    });
  }

  private Future<Void> startManager(ManagerPeerId peer) {
    PartitionManagerPeer manager = new PartitionManagerPeer(vertx, managerConfigs.get(peer), registry, clock)
        .streamDeleter(this::deleteRetiredStream);
    managers.put(peer, manager);
    return RoleLoop.start(vertx, manager::start);
  }

  /** The partition manager's leader deletes retired ranges' streams through the stamp's tool client. */
  private Future<Void> deleteRetiredStream(StreamId stream) {
    StreamClient client = toolStreams;
    return client == null ? Future.failedFuture(new IllegalStateException("the stamp is still starting"))
        : client.deleteStream(stream);
  }

  private Future<Void> startServer(PartitionServerId id) {
    PartitionServerNode server = new PartitionServerNode(vertx, serverConfigs.get(id), streams.newClient(),
        registry, clock);
    servers.put(id, server);
    return RoleLoop.start(vertx, server::start);
  }

  /** The stamp's partition servers, in order. */
  List<PartitionServerId> serverIds() {
    return List.copyOf(serverConfigs.keySet());
  }

  /** Whether the server runs (it was not killed, or was restarted). */
  boolean isUp(PartitionServerId id) {
    return servers.containsKey(known(id));
  }

  private PartitionServerId known(PartitionServerId id) {
    if (!serverConfigs.containsKey(id)) {
      throw new NoSuchElementException("no partition server " + id + " (there are " + serverConfigs.keySet() + ")");
    }
    return id;
  }

  /** Kills a partition server: it stops heartbeating and answering at once; its ranges fail over once its lease ends. */
  Future<String> killServer(PartitionServerId id) {
    PartitionServerNode node = servers.remove(known(id));
    if (node == null) {
      return Future.succeededFuture(id + " is already down");
    }
    return node.stop().map(v -> "killed partition server " + id);
  }

  /** Starts a killed partition server again (it gets ranges back as the manager assigns them). */
  Future<String> restartServer(PartitionServerId id) {
    if (servers.containsKey(known(id))) {
      return Future.succeededFuture(id + " is already up");
    }
    return startServer(id).map(v -> "restarted partition server " + id);
  }

  /** Kills the partition manager's leading peer (its Raft log stays); a new leader takes over. */
  Future<String> killManagerLeader() {
    Optional<ManagerPeerId> leader = leader();
    if (leader.isEmpty()) {
      return Future.failedFuture(new NoSuchElementException("the partition manager has no leader right now"));
    }
    PartitionManagerPeer peer = managers.remove(leader.get());
    return peer.stop().map(v -> "killed partition manager leader " + leader.get());
  }

  /** Restarts a killed partition manager peer on its Raft log. */
  Future<String> restartManagerPeer(ManagerPeerId id) {
    if (!managerConfigs.containsKey(id)) {
      return Future.failedFuture(new NoSuchElementException("no partition manager peer " + id));
    }
    if (managers.containsKey(id)) {
      return Future.succeededFuture(id + " is already up");
    }
    return startManager(id).map(v -> "restarted partition manager peer " + id);
  }

  /** The partition manager's leading peer, if one leads now. */
  Optional<ManagerPeerId> leader() {
    return managers.entrySet().stream().filter(e -> e.getValue().isLeader()).map(Map.Entry::getKey).findFirst();
  }

  /**
   * One garbage-collection pass of every partition server over the blob streams of the ranges it
   * serves, one server after the other; what they found and reclaimed, summed.
   */
  Future<String> collectGarbage() {
    List<GcPass> passes = new ArrayList<>();
    Future<Void> all = Future.succeededFuture();
    for (PartitionServerNode s : servers.values()) {
      all = all.compose(v -> s.collectGarbage().map(p -> {
        passes.addAll(p);
        return null;
      }));
    }
    return all.map(v -> {
      long sealed = passes.stream().mapToLong(GcPass::sealedBytes).sum();
      long live = passes.stream().mapToLong(GcPass::sealedLiveBytes).sum();
      return String.format("gc of %d blob streams: %d bytes in sealed extents, %d of them live (%.0f%% garbage); "
              + "dropped %d extents of %d bytes after copying %d live bytes out of them",
          passes.size(), sealed, live, sealed == 0 ? 0.0 : 100.0 * (sealed - live) / sealed,
          passes.stream().mapToInt(GcPass::droppedExtents).sum(), passes.stream().mapToLong(GcPass::droppedBytes).sum(),
          passes.stream().mapToLong(GcPass::rewrittenBytes).sum());
    });
  }

  /**
   * Rebuilds every range's index from the commit logs alone ({@link IndexRebuild}): stops every
   * partition server, rebuilds, replaces the partition map's ranges, and starts the servers again.
   */
  Future<String> rebuildIndex() {
    List<PartitionServerId> stopped = List.copyOf(servers.keySet());
    Future<Void> down = Future.succeededFuture();
    for (PartitionServerId id : stopped) {
      down = down.compose(v -> killServer(id).mapEmpty());
    }
    return down
        .compose(v -> streams.describe())
        .compose(s -> IndexRebuild.run(toolStreams, vertx.getOrCreateContext(), clock,
            s.streams().stream().map(StreamInfo::id).toList()))
        .compose(result -> admin.replaceRanges(result.ranges()).map(map -> result))
        .eventually(() -> {
          Future<Void> up = Future.succeededFuture();
          for (PartitionServerId id : stopped) {
            up = up.compose(v -> restartServer(id).mapEmpty());
          }
          return up;
        })
        .compose(result -> awaitServing(Duration.ofSeconds(60)).map(v -> "rebuilt the index of "
            + result.ranges().size() + " ranges from " + result.logs() + " commit logs (" + result.records()
            + " records): " + result.ranges().stream().map(e -> e.id() + " " + e.range() + " from " + e.sources())
            .collect(Collectors.joining(", "))));
  }

  /** Deletes every range's checkpoint streams, as a disk loss would: only the commit logs remain. */
  Future<Integer> deleteCheckpoints() {
    return streams.describe().compose(s -> {
      List<StreamId> doomed = s.streams().stream().map(StreamInfo::id)
          .filter(id -> id.value().endsWith(".ckpt") || id.value().endsWith(".meta")).toList();
      Future<Void> all = Future.succeededFuture();
      for (StreamId id : doomed) {
        all = all.compose(v -> toolStreams.deleteStream(id));
      }
      return all.map(v -> doomed.size());
    });
  }

  Future<String> split(PartitionId range, Optional<String> key) {
    return admin.split(range, key).map(m -> "split " + range + ": " + describe(m, m.entries().stream()
        .filter(e -> e.sources().contains(range)).toList()));
  }

  Future<String> merge(PartitionId range) {
    return admin.merge(range).map(m -> "merged " + range + ": " + describe(m, m.entries().stream()
        .filter(e -> e.sources().contains(range)).toList()));
  }

  Future<String> move(PartitionId range, PartitionServerId to) {
    known(to);
    return admin.move(range, to).map(m -> "moving " + range + " to " + to + " (assigned once "
        + "its server has released it)");
  }

  private static String describe(PartitionMap map, List<PartitionEntry> entries) {
    return entries.stream().map(e -> e.id() + " " + e.range()).collect(Collectors.joining(", "))
        + " (map v" + map.version() + "; served once the old range is released)";
  }

  List<Endpoint> managerEndpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 1; i <= MANAGER_PEERS; i++) {
      endpoints.add(ports.partitionManager(i));
    }
    return endpoints;
  }

  RoutingPartitionClient router() {
    return router;
  }

  /** The partition map as the partition manager holds it, and its Raft leader. */
  Future<PartitionSnapshot> describe() {
    if (router == null) {
      return Future.failedFuture(new IllegalStateException(config.stamp() + " partition layer not started"));
    }
    Optional<ManagerPeerId> leaderNow = leader();
    Map<PartitionId, RangeLoad> loads = leaderNow.map(managers::get).map(PartitionManagerPeer::loads)
        .orElse(Map.of());
    return router.refreshMap().map(map -> new PartitionSnapshot(map.entries().stream()
        .map(e -> new StampStatus.PartitionStatus(e.id(), e.range(), e.owner(), Optional.ofNullable(loads.get(e.id()))))
        .toList(), leaderNow));
  }

  /** The range partitions in key order and the partition manager's leader. */
  record PartitionSnapshot(List<StampStatus.PartitionStatus> partitions, Optional<ManagerPeerId> leader) {}

  /**
   * Completes once every range of the map is assigned and loaded by its partition server, so
   * that the first S3 request does not wait for an assignment or a commit-log replay.
   */
  Future<Void> awaitServing(Duration timeout) {
    Promise<Void> ready = Promise.promise();
    long deadline = clock.millis() + timeout.toMillis();
    poll(ready, deadline);
    return ready.future();
  }

  private void poll(Promise<Void> ready, long deadlineMs) {
    router.refreshMap().onComplete(ar -> {
      if (ar.succeeded() && allServed(ar.result())) {
        ready.tryComplete();
      } else if (clock.millis() > deadlineMs) {
        ready.tryFail("partitions not served in time; last map: " + (ar.succeeded() ? ar.result() : ar.cause()));
      } else {
        vertx.setTimer(100, t -> poll(ready, deadlineMs));
      }
    });
  }

  private boolean allServed(PartitionMap map) {
    if (map.entries().isEmpty() || map.entries().stream().anyMatch(e -> e.owner().isEmpty())) {
      return false;
    }
    int loaded = servers.values().stream().mapToInt(s -> s.server().rangesServed()).sum();
    return loaded == map.entries().size()
        && map.entries().stream().map(PartitionEntry::server).allMatch(map.servers()::containsKey);
  }

  Future<Void> stop() {
    Future<Void> routerClosed = (router == null ? Future.<Void>succeededFuture() : router.close())
        .eventually(() -> adminClient == null ? Future.succeededFuture() : adminClient.close());
    List<Future<Void>> steps = new ArrayList<>();
    servers.values().forEach(s -> steps.add(s.stop()));
    return routerClosed.transform(ar -> Future.join(steps))
        .transform(ar -> {
          List<Future<Void>> peers = new ArrayList<>();
          managers.values().forEach(m -> peers.add(m.stop()));
          return Future.join(peers);
        })
        .mapEmpty();
  }
}
