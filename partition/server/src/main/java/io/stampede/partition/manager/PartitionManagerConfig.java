package io.stampede.partition.manager;

import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.raft.RaftGroupConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One partition manager peer's settings. {@code raftPeers} holds every peer of the group (this one
 * included) with the fixed address its Raft server listens on; {@code grpcEndpoint} is where its
 * PartitionManagerRpc front listens (port 0 picks one). {@code splitPoints} are the index keys
 * cutting the initial ranges. A range whose server's lease ran out goes to another live server
 * once servers had {@code assignmentGrace} to register; the leader checks every {@code tickInterval}.
 * {@code requestTimeout} bounds a Raft command or read (retries included), {@code closeTimeout}
 * the Raft server's close. {@code balance} says when the leader splits, merges and moves ranges.
 */
public record PartitionManagerConfig(
    StampId stamp,
    ManagerPeerId id,
    Map<ManagerPeerId, Endpoint> raftPeers,
    Endpoint grpcEndpoint,
    Path dataDir,
    List<String> splitPoints,
    Duration leaseDuration,
    Duration assignmentGrace,
    Duration tickInterval,
    Duration requestTimeout,
    Duration closeTimeout,
    BalanceConfig balance) {
  public PartitionManagerConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(id, "id");
    raftPeers = Map.copyOf(new TreeMap<>(raftPeers));
    Objects.requireNonNull(grpcEndpoint, "grpcEndpoint");
    Objects.requireNonNull(dataDir, "dataDir");
    splitPoints = List.copyOf(splitPoints);
    Objects.requireNonNull(balance, "balance");
    if (!raftPeers.containsKey(id)) {
      throw new IllegalArgumentException(id + " is not among the Raft peers " + raftPeers.keySet());
    }
    for (Duration d : List.of(leaseDuration, tickInterval, requestTimeout, closeTimeout)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }
    if (assignmentGrace.isNegative()) {
      throw new IllegalArgumentException("assignmentGrace < 0");
    }
  }

  /**
   * Split at "h" and "p" (3 ranges), 4 s leases, 2 s grace, 250 ms ticks, 5 s requests, 5 s close
   * timeout, default balancing.
   */
  public static PartitionManagerConfig defaults(StampId stamp, ManagerPeerId id, Map<ManagerPeerId, Endpoint> raftPeers,
      Endpoint grpcEndpoint, Path dataDir) {
    return new PartitionManagerConfig(stamp, id, raftPeers, grpcEndpoint, dataDir, List.of("h", "p"),
        Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofSeconds(5),
        Duration.ofSeconds(5), BalanceConfig.defaults());
  }

  /** The Raft group of the stamp's partition manager, as this peer sees it (group name {@code partition-manager/<stamp>}). */
  public RaftGroupConfig raftGroup() {
    return RaftGroupConfig.defaults("partition-manager/" + stamp, id, raftPeers, dataDir)
        .withTimeouts(requestTimeout, closeTimeout);
  }

  public PartitionManagerConfig withLeases(Duration lease, Duration grace) {
    return new PartitionManagerConfig(stamp, id, raftPeers, grpcEndpoint, dataDir, splitPoints, lease, grace,
        tickInterval, requestTimeout, closeTimeout, balance);
  }

  public PartitionManagerConfig withSplitPoints(List<String> points) {
    return new PartitionManagerConfig(stamp, id, raftPeers, grpcEndpoint, dataDir, points, leaseDuration,
        assignmentGrace, tickInterval, requestTimeout, closeTimeout, balance);
  }

  public PartitionManagerConfig withBalance(BalanceConfig settings) {
    return new PartitionManagerConfig(stamp, id, raftPeers, grpcEndpoint, dataDir, splitPoints, leaseDuration,
        assignmentGrace, tickInterval, requestTimeout, closeTimeout, settings);
  }
}
