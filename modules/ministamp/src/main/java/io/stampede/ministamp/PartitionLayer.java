package io.stampede.ministamp;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.routing.RoutingConfig;
import io.stampede.partition.api.routing.RoutingPartitionClient;
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
import java.util.Optional;

/** The stamp's partition layer: a partition manager on three Raft peers and partition servers. */
final class PartitionLayer {
  static final int MANAGER_PEERS = 3;

  private final Vertx vertx;
  private final StampConfig config;
  private final PortPlan ports;
  private final MeterRegistry registry;
  private final Clock clock;
  private final List<PartitionManagerPeer> managers = new ArrayList<>();
  private final List<PartitionServerNode> servers = new ArrayList<>();
  private RoutingPartitionClient router;

  PartitionLayer(Vertx vertx, StampConfig config, PortPlan ports, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.ports = ports;
    this.registry = registry;
    this.clock = clock;
  }

  Future<Void> start(StreamLayer streams) {
    Map<ManagerPeerId, Endpoint> raftPeers = new LinkedHashMap<>();
    for (int i = 1; i <= MANAGER_PEERS; i++) {
      raftPeers.put(ManagerPeerId.of("pm" + i), ports.partitionManagerRaft(i));
    }
    List<Future<Void>> started = new ArrayList<>();
    int i = 1;
    for (ManagerPeerId peer : raftPeers.keySet()) {
      PartitionManagerPeer manager = new PartitionManagerPeer(vertx,
          PartitionManagerConfig.defaults(config.stamp(), peer, raftPeers, ports.partitionManager(i),
              config.stampDir().resolve("partition-manager").resolve(peer.value())),
          registry, clock);
      managers.add(manager);
      started.add(manager.start());
      i++;
    }
    return Future.all(started).compose(v -> {
      List<Future<Void>> serving = new ArrayList<>();
      for (int k = 1; k <= config.partitionServers(); k++) {
        PartitionServerNode server = new PartitionServerNode(vertx,
            PartitionServerConfig.defaults(config.stamp(), PartitionServerId.of("ps" + k),
                ports.partitionServer(k), managerEndpoints()).withLimits(config.requestLimits()),
            streams.newClient(), registry, clock);
        servers.add(server);
        serving.add(server.start());
      }
      return Future.all(serving);
    }).map(v -> {
      router = RoutingPartitionClient.connect(vertx, managerEndpoints(), RoutingConfig.defaults());
      return null;
    });
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
    Optional<ManagerPeerId> leader = Optional.empty();
    for (int i = 0; i < managers.size(); i++) {
      if (managers.get(i).isLeader()) {
        leader = Optional.of(ManagerPeerId.of("pm" + (i + 1)));
      }
    }
    Optional<ManagerPeerId> leaderNow = leader;
    return router.refreshMap().map(map -> new PartitionSnapshot(map.entries().stream()
        .map(e -> new StampStatus.PartitionStatus(e.id(), e.range(), e.owner()))
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
    int loaded = servers.stream().mapToInt(s -> s.server().rangesServed()).sum();
    return loaded == map.entries().size()
        && map.entries().stream().map(PartitionEntry::server).allMatch(map.servers()::containsKey);
  }

  Future<Void> stop() {
    Future<Void> routerClosed = router == null ? Future.succeededFuture() : router.close();
    List<Future<Void>> steps = new ArrayList<>();
    servers.forEach(s -> steps.add(s.stop()));
    return routerClosed.transform(ar -> Future.join(steps))
        .transform(ar -> {
          List<Future<Void>> peers = new ArrayList<>();
          managers.forEach(m -> peers.add(m.stop()));
          return Future.join(peers);
        })
        .mapEmpty();
  }
}
