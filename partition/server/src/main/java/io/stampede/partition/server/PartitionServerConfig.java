package io.stampede.partition.server;

import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.range.RangePartitionConfig;
import io.stampede.partition.throttle.RequestRateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A partition server's settings. {@code endpoint} is where its gRPC server listens (port 0 picks
 * one). {@code leaseDuration} must not exceed the partition manager's: the server stops serving
 * a range that long after it sent its last successful heartbeat. {@code limits} caps the request
 * rate of each S3 bucket and each range partition on this server (503 SlowDown beyond).
 */
public record PartitionServerConfig(
    StampId stamp,
    PartitionServerId id,
    Endpoint endpoint,
    List<Endpoint> managerEndpoints,
    Duration heartbeatInterval,
    Duration leaseDuration,
    Duration callTimeout,
    RangePartitionConfig ranges,
    RequestRateLimits limits) {
  public PartitionServerConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    managerEndpoints = List.copyOf(managerEndpoints);
    Objects.requireNonNull(ranges, "ranges");
    Objects.requireNonNull(limits, "limits");
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
   * settings and {@linkplain RequestRateLimits#defaults() request-rate limits}.
   */
  public static PartitionServerConfig defaults(StampId stamp, PartitionServerId id, Endpoint endpoint,
      List<Endpoint> managerEndpoints) {
    return new PartitionServerConfig(stamp, id, endpoint, managerEndpoints, Duration.ofMillis(500),
        Duration.ofSeconds(4), Duration.ofSeconds(1), RangePartitionConfig.defaults(), RequestRateLimits.defaults());
  }

  public PartitionServerConfig withTiming(Duration heartbeat, Duration lease) {
    return new PartitionServerConfig(stamp, id, endpoint, managerEndpoints, heartbeat, lease, callTimeout, ranges,
        limits);
  }

  public PartitionServerConfig withLimits(RequestRateLimits newLimits) {
    return new PartitionServerConfig(stamp, id, endpoint, managerEndpoints, heartbeatInterval, leaseDuration,
        callTimeout, ranges, newLimits);
  }
}
