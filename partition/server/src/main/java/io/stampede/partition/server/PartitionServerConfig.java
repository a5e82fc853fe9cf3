package io.stampede.partition.server;

import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.range.RangePartitionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A partition server's settings. {@code endpoint} is where its gRPC server listens (port 0 picks
 * one). {@code leaseDuration} must not exceed the partition manager's: the server stops serving
 * a range that long after it sent its last successful heartbeat.
 */
public record PartitionServerConfig(
    StampId stamp,
    PartitionServerId id,
    Endpoint endpoint,
    List<Endpoint> managerEndpoints,
    Duration heartbeatInterval,
    Duration leaseDuration,
    Duration callTimeout,
    RangePartitionConfig ranges) {
  public PartitionServerConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    managerEndpoints = List.copyOf(managerEndpoints);
    Objects.requireNonNull(ranges, "ranges");
    if (managerEndpoints.isEmpty()) {
      throw new IllegalArgumentException("no partition manager endpoints");
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
        || leaseDuration.compareTo(heartbeatInterval.multipliedBy(2)) < 0 || callTimeout.isZero()) {
      throw new IllegalArgumentException("need heartbeatInterval > 0, leaseDuration >= 2 heartbeats, callTimeout > 0");
    }
  }

  /**
   * Heartbeat every 500 ms, 4 s lease (the manager's default), 1 s per call to a manager peer (a
   * heartbeat tries each peer, so a dead leader costs at most one call), default range partition
   * settings.
   */
  public static PartitionServerConfig defaults(StampId stamp, PartitionServerId id, Endpoint endpoint,
      List<Endpoint> managerEndpoints) {
    return new PartitionServerConfig(stamp, id, endpoint, managerEndpoints, Duration.ofMillis(500),
        Duration.ofSeconds(4), Duration.ofSeconds(1), RangePartitionConfig.defaults());
  }

  public PartitionServerConfig withTiming(Duration heartbeat, Duration lease) {
    return new PartitionServerConfig(stamp, id, endpoint, managerEndpoints, heartbeat, lease, callTimeout, ranges);
  }
}
