package io.stampede.stream.manager;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.HeartbeatReply;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.ReplicaReport;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every extent at three healthy replicas in three racks (WAS section 4.2, re-replication):
 * finds extents with replicas on dead nodes, seals open ones first, copies sealed ones from a
 * healthy replica to a live node in a rack that holds no copy (bounded concurrency), and records
 * the new replica set. Reconciles heartbeat reports: replicas no stream lists on that node are
 * deleted after a grace period, stale replicas of sealed extents are sealed (truncated) at the
 * sealed length, and ones too short (for the grace period) are dropped and replaced.
 */
final class ReplicaRepair {
  private static final Logger log = LoggerFactory.getLogger(ReplicaRepair.class);
  private static final String NAME = "stream-manager";

  private final StreamManager manager;
  private final MetadataChanges changes;
  private final NodeTracker tracker;
  private final PlacementPolicy placement;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamManagerMetrics metrics;
  private final StreamManagerConfig config;
  private final Clock clock;
  private final Set<ExtentId> pending;
  private final Set<ExtentId> busy = ConcurrentHashMap.newKeySet();
  private final Map<ExtentId, Integer> attempts = new ConcurrentHashMap<>();
  /** Nodes that held a corrupt replica of an extent: never copy it back there. */
  private final Map<ExtentId, Set<ExtentNodeId>> corruptOn = new ConcurrentHashMap<>();
  /** Node/extent discrepancies and when they were first seen, for the grace period. */
  private final Map<String, Instant> suspects = new ConcurrentHashMap<>();

  ReplicaRepair(StreamManager manager, MetadataChanges changes, NodeTracker tracker,
      PlacementPolicy placement, Function<ExtentNodeInfo, ExtentNodeApi> connector,
      StreamManagerMetrics metrics, StreamManagerConfig config, Clock clock, Set<ExtentId> pending) {
    this.manager = manager;
    this.changes = changes;
    this.tracker = tracker;
    this.placement = placement;
    this.connector = connector;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.pending = pending;
  }

  List<ExtentInfo> underReplicated() {
    return changes.read(StreamMetadata::extents).stream()
        .filter(e -> healthy(e).size() < PlacementPolicy.REPLICAS)
        .toList();
  }

  Future<Void> run() {
    List<ExtentNodeInfo> nodes = List.copyOf(changes.read(StreamMetadata::nodes));
    int alive = (int) nodes.stream().filter(n -> tracker.alive(n.id())).count();
    metrics.nodes(alive, nodes.size() - alive);
    List<ExtentInfo> under = underReplicated();
    metrics.backlog(under.size());
    List<Future<Void>> started = new ArrayList<>();
    for (ExtentInfo e : under) {
      if (!busy.add(e.id())) {
        continue;
      }
      if (!e.sealed()) {
        started.add(manager.sealForRepair(e.id()).onComplete(ar -> busy.remove(e.id())));
      } else if (metrics.copiesInFlight() < config.copiesMax()) {
        started.add(copy(e).onComplete(ar -> busy.remove(e.id())));
      } else {
        busy.remove(e.id());
      }
    }
    return Future.join(started).transform(ar -> Future.succeededFuture());
  }

  /** Copies {@code e} to one more node and records it; drops replicas on dead nodes. */
  private Future<Void> copy(ExtentInfo e) {
    List<ExtentNodeInfo> healthy = healthy(e);
    if (healthy.isEmpty()) {
      log.error("{} {} has no replica on a live node: waiting for one to come back", NAME, e.id());
      return Future.succeededFuture();
    }
    Set<RackId> racks = healthy.stream().map(ExtentNodeInfo::rack).collect(Collectors.toSet());
    Set<ExtentNodeId> listed = e.replicas().stream().map(ExtentNodeInfo::id)
        .collect(Collectors.toCollection(HashSet::new));
    listed.addAll(corruptOn.getOrDefault(e.id(), Set.of()));
    Optional<ExtentNodeInfo> target = placement.chooseOne(manager.candidates(listed), racks);
    if (target.isEmpty()) {
      log.warn("{} no live node outside racks {} to copy {} to", NAME, racks, e.id());
      return Future.succeededFuture();
    }
    ExtentNodeInfo source = healthy.get(attempts.merge(e.id(), 1, Integer::sum) % healthy.size());
    List<ExtentNodeInfo> replicas = new ArrayList<>(healthy);
    replicas.add(target.get());
    long length = e.sealedLength();
    pending.add(e.id());
    metrics.copyStarted();
    log.info("{} copying {} ({} bytes) from {} to {}", NAME, e.id(), length, source.id(),
        target.get().id());
    return connector.apply(target.get())
        .copyExtent(new ExtentInfo(e.id(), replicas, true, length), length, source)
        .compose(v -> changes.serialized(() -> {
          ExtentInfo now = changes.read(m -> m.extent(e.id())).orElse(null);
          if (now == null) {
            return Future.<Void>succeededFuture();
          }
          List<ExtentNodeInfo> set = new ArrayList<>(now.replicas().stream()
              .filter(r -> tracker.alive(r.id()) && !r.id().equals(target.get().id())).toList());
          set.add(target.get());
          return changes.commit(new StreamCommand.SetReplicas(e.id(), set)).onSuccess(x -> log.info(
              "{} {} now on {}", NAME, e.id(), set.stream().map(ExtentNodeInfo::id).toList()));
        }))
        .onComplete(ar -> {
          pending.remove(e.id());
          metrics.copyEnded(length, ar.succeeded());
          if (ar.succeeded()) {
            attempts.remove(e.id());
          } else {
            log.warn("{} copying {} to {} failed, will retry: {}", NAME, e.id(), target.get().id(),
                ar.cause().toString());
          }
        })
        .recover(t -> Future.succeededFuture());
  }

  /** Drops a replica found corrupt (sealing its extent first if open), deletes it, repairs. */
  Future<Void> dropCorrupt(ExtentId extent, ExtentNodeId node) {
    ExtentInfo e = changes.read(m -> m.extent(extent)).orElse(null);
    Optional<ExtentNodeInfo> holder = e == null ? Optional.empty()
        : e.replicas().stream().filter(r -> r.id().equals(node)).findFirst();
    if (holder.isEmpty()) {
      return Future.succeededFuture();
    }
    log.warn("{} {} reported corrupt on {}", NAME, extent, node);
    corruptOn.computeIfAbsent(extent, k -> ConcurrentHashMap.newKeySet()).add(node);
    Future<Void> sealed = e.sealed() ? Future.succeededFuture() : manager.sealForRepair(extent);
    return sealed.compose(v -> drop(extent, node))
        .compose(v -> connector.apply(holder.get()).deleteExtent(extent).recover(t -> {
          log.warn("{} could not delete {} on {} now: {}", NAME, extent, node, t.toString());
          return Future.succeededFuture();
        }))
        .onSuccess(v -> run());
  }

  /** Removes {@code node} from the extent's replicas, never the last one. */
  private Future<Void> drop(ExtentId extent, ExtentNodeId node) {
    return changes.serialized(() -> {
      ExtentInfo now = changes.read(m -> m.extent(extent)).orElse(null);
      if (now == null || now.replicas().stream().noneMatch(r -> r.id().equals(node))) {
        return Future.succeededFuture();
      }
      if (now.replicas().size() <= 1) {
        return Future.failedFuture(new StreamException(StreamErrorCode.INTERNAL,
            NAME + " will not drop the last replica of " + extent + " on " + node));
      }
      List<ExtentNodeInfo> rest = now.replicas().stream().filter(r -> !r.id().equals(node)).toList();
      log.info("{} dropped {} from {}", NAME, node, extent);
      return changes.commit(new StreamCommand.SetReplicas(extent, rest));
    });
  }

  /** What a node must delete or seal, given the replicas it reports. */
  Future<HeartbeatReply> reconcile(NodeHeartbeat h) {
    ExtentNodeId node = h.node().id();
    List<ReplicaReport> deletes = new ArrayList<>();
    List<HeartbeatReply.Seal> seals = new ArrayList<>();
    List<Future<Void>> drops = new ArrayList<>();
    for (ReplicaReport r : h.replicas()) {
      ExtentInfo e = changes.read(m -> m.extent(r.extent())).orElse(null);
      boolean listed = e != null && e.replicas().stream().anyMatch(x -> x.id().equals(node));
      String key = node + "/" + r.extent();
      if (pending.contains(r.extent()) || listed && (!e.sealed() || r.sealed()
          && r.length() == e.sealedLength())) {
        suspects.remove(key);
      } else if (listed && r.length() >= e.sealedLength()) {
        seals.add(new HeartbeatReply.Seal(e.id(), changes.read(m -> m.epochOf(e.id())), e.sealedLength()));
      } else if (graceOver(key)) {
        log.info("{} {} holds {} replica of {} ({} bytes): deleting it", NAME, node,
            listed ? "a short" : "an unlisted", r.extent(), r.length());
        deletes.add(r);
        if (listed) {
          drops.add(drop(e.id(), node));
        }
      }
    }
    return Future.join(drops).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(new HeartbeatReply(List.of(), seals));
      }
      deletes.forEach(r -> metrics.replicaCollected(r.length()));
      return Future.succeededFuture(
          new HeartbeatReply(deletes.stream().map(ReplicaReport::extent).toList(), seals));
    });
  }

  private boolean graceOver(String key) {
    Instant now = clock.instant();
    Instant since = suspects.computeIfAbsent(key, k -> now);
    if (!now.isBefore(since.plus(config.orphanGrace()))) {
      suspects.remove(key);
      return true;
    }
    return false;
  }

  private List<ExtentNodeInfo> healthy(ExtentInfo e) {
    return e.replicas().stream().filter(r -> tracker.alive(r.id())).toList();
  }
}
