package io.stampede.stream.manager;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.ReplicaReport;
import io.stampede.stream.api.StreamManagerApi.NodeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream manager's failure detector: when each extent node was last heard from, its free
 * space and its last replica report. A node not heard from for {@code nodeTimeout} is dead. Soft
 * state, rebuilt from heartbeats: after a (re)start every node counts as heard from at the start,
 * so a restarted manager does not declare the whole stamp dead.
 */
final class NodeTracker {
  private static final Logger log = LoggerFactory.getLogger(NodeTracker.class);
  private static final String NAME = "stream-manager";

  private final Clock clock;
  private final Duration nodeTimeout;
  private final Instant started;
  private final Map<ExtentNodeId, Seen> seen = new ConcurrentHashMap<>();
  private final Set<ExtentNodeId> dead = ConcurrentHashMap.newKeySet();

  private record Seen(Instant at, long freeBytes, Map<ExtentId, ReplicaReport> replicas) {}

  NodeTracker(Clock clock, Duration nodeTimeout) {
    this.clock = clock;
    this.nodeTimeout = nodeTimeout;
    this.started = clock.instant();
  }

  /** Records a heartbeat; true if the node had been declared dead (it came back). */
  boolean heard(NodeHeartbeat h) {
    Map<ExtentId, ReplicaReport> replicas = new ConcurrentHashMap<>();
    h.replicas().forEach(r -> replicas.put(r.extent(), r));
    seen.put(h.node().id(), new Seen(clock.instant(), h.freeBytes(), replicas));
    boolean back = dead.remove(h.node().id());
    if (back) {
      log.info("{} {} is back", NAME, h.node().id());
    }
    return back;
  }

  /** Alive and heard from since the manager started: fit for new replicas. */
  boolean placeable(ExtentNodeId node) {
    return seen.containsKey(node) && alive(node);
  }

  boolean alive(ExtentNodeId node) {
    Seen s = seen.get(node);
    Instant last = s == null ? started : s.at();
    boolean alive = last.isAfter(clock.instant().minus(nodeTimeout));
    if (!alive && dead.add(node)) {
      log.warn("{} {} is dead: not heard from since {}", NAME, node, last);
    }
    return alive;
  }

  long freeBytes(ExtentNodeId node) {
    Seen s = seen.get(node);
    return s == null ? 0 : s.freeBytes();
  }

  /** What the node last reported about its replica of {@code extent}. */
  Optional<ReplicaReport> report(ExtentNodeId node, ExtentId extent) {
    Seen s = seen.get(node);
    return s == null ? Optional.empty() : Optional.ofNullable(s.replicas().get(extent));
  }

  NodeStatus status(ExtentNodeInfo node) {
    Seen s = seen.get(node.id());
    int replicas = s == null ? 0 : s.replicas().size();
    long bytes = s == null ? 0 : s.replicas().values().stream().mapToLong(ReplicaReport::length).sum();
    return new NodeStatus(node, alive(node.id()), freeBytes(node.id()), replicas, bytes);
  }
}
