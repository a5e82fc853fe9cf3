package io.stampede.ministamp;

import io.stampede.common.id.StampId;
import io.stampede.frontend.auth.Users;
import io.stampede.partition.manager.BalanceConfig;
import io.stampede.frontend.lifecycle.LifecycleRunnerConfig;
import io.stampede.frontend.server.FrontendConfig;
import io.stampede.partition.throttle.RequestRateLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of one stamp run in one JVM: how many racks and nodes, where its data lives, the
 * base port its roles' ports derive from (see {@link PortPlan}), the S3 users, and the
 * stream layer's knobs that tests and demos turn.
 *
 * @param nodeCapacityBytes each extent node's capacity: the stamp reports its nodes' replica bytes
 *     over their total to the location service as its fill
 * @param dnsPort where the location service answers DNS for the S3 zone, on 127.0.0.1 (UDP and TCP)
 * @param extentBytesTarget the stream client seals an extent and opens the next at this length
 * @param heartbeatInterval how often every extent node heartbeats to the stream manager
 * @param nodeTimeout an extent node silent this long is taken as dead by the stream manager
 * @param partBytesMin smallest part but the last of a completed multipart upload (S3: 5 MiB; 0: no minimum)
 * @param lifecycle how often the stamp's lifecycle runner passes over its buckets, and how long its days are
 * @param balance when the partition manager splits, merges and moves ranges on its own
 * @param requestLimits each partition server's request-rate limits per S3 bucket and per range (503 SlowDown beyond)
 */
public record StampConfig(
    StampId stamp,
    int racks,
    int extentNodesPerRack,
    int partitionServers,
    long nodeCapacityBytes,
    Path dataDir,
    int basePort,
    int dnsPort,
    String domain,
    Users users,
    long extentBytesTarget,
    Duration heartbeatInterval,
    Duration nodeTimeout,
    long partBytesMin,
    LifecycleRunnerConfig lifecycle,
    BalanceConfig balance,
    RequestRateLimits requestLimits) {
  public static final String DEFAULT_ACCESS_KEY = "stampede";
  public static final String DEFAULT_SECRET_KEY = "stampede-secret";

  public StampConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(users, "users");
    if (racks < 3) {
      throw new IllegalArgumentException("a stamp needs at least 3 racks (3 replicas in 3 fault domains), got " + racks);
    }
    if (extentNodesPerRack < 1 || extentNodesPerRack > 250 || racks > 250) {
      throw new IllegalArgumentException("racks and nodes per rack must be within 1..250");
    }
    if (partitionServers < 1 || partitionServers > 50) {
      throw new IllegalArgumentException("partition servers must be within 1..50");
    }
    if (nodeCapacityBytes < (1 << 20)) {
      throw new IllegalArgumentException("node capacity must be at least 1 MiB, got " + nodeCapacityBytes);
    }
    if (partBytesMin < 0) {
      throw new IllegalArgumentException("partBytesMin must be >= 0, got " + partBytesMin);
    }
    if (basePort < 1024 || basePort > 65535 - PortPlan.SPAN) {
      throw new IllegalArgumentException("port must be within 1024.." + (65535 - PortPlan.SPAN));
    }
    if (dnsPort < 1 || dnsPort > 65535 || dnsPort == basePort || dnsPort == basePort + 1) {
      throw new IllegalArgumentException("DNS port must be within 1..65535 and not the S3 or console port, got "
          + dnsPort);
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("at least one user is needed");
    }
    if (extentBytesTarget < (1 << 20)) {
      throw new IllegalArgumentException("extent target size must be at least 1 MiB");
    }
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(nodeTimeout, "nodeTimeout");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(requestLimits, "requestLimits");
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
        || nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("need 0 < heartbeatInterval and nodeTimeout >= 2 x heartbeatInterval, got "
          + heartbeatInterval + ", " + nodeTimeout);
    }
  }

  /**
   * The defaults of {@code ./stamp up}: 4 racks x 2 extent nodes, 2 partition servers, port 9000,
   * 64 MiB extents, heartbeats every second, a node silent for 5 s is dead. Four racks, not three:
   * replicas must sit in three distinct racks, so only with a fourth can a stamp that lost a whole
   * rack keep opening extents (taking writes) and heal back to three racks per extent.
   */
  public static StampConfig defaults(Path dataDir) {
    return new StampConfig(StampId.of("stamp1"), 4, 2, 2, 4096L << 20, dataDir, 9000, 5353, "localhost",
        Users.of(Map.of(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY)), 64L << 20, Duration.ofSeconds(1),
        Duration.ofSeconds(5), FrontendConfig.PART_BYTES_MIN, LifecycleRunnerConfig.defaults(),
        BalanceConfig.defaults(), RequestRateLimits.defaults());
  }

  public StampConfig withRacks(int r, int perRack) {
    return new StampConfig(stamp, r, perRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain, users,
        extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  public StampConfig withNodeCapacityBytes(long bytes) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, bytes, dataDir, basePort, dnsPort,
        domain, users, extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance,
        requestLimits);
  }

  /** Where the location service answers DNS for the S3 zone (127.0.0.1, UDP and TCP). */
  public StampConfig withDnsPort(int port) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, port, domain,
        users, extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  public StampConfig withBasePort(int port) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, port, dnsPort, domain,
        users, extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  public StampConfig withUsers(Users newUsers) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain,
        newUsers, extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  /** Users named after their access keys, from access key to secret. */
  public StampConfig withCredentials(Map<String, String> secretsByAccessKey) {
    return withUsers(Users.of(secretsByAccessKey));
  }

  public StampConfig withPartitionServers(int n) {
    return new StampConfig(stamp, racks, extentNodesPerRack, n, nodeCapacityBytes, dataDir, basePort, dnsPort, domain, users,
        extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  public StampConfig withExtentBytesTarget(long bytes) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain,
        users, bytes, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  /** Heartbeat interval of the extent nodes and the silence after which one is dead. */
  public StampConfig withNodeTimeouts(Duration heartbeat, Duration timeout) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain,
        users, extentBytesTarget, heartbeat, timeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  public StampConfig withDataDir(Path dir) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dir, basePort, dnsPort, domain,
        users, extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, requestLimits);
  }

  /** The lifecycle runner's pass interval and day length (tests shorten both). */
  public StampConfig withLifecycle(LifecycleRunnerConfig newLifecycle) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain,
        users, extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, newLifecycle, balance, requestLimits);
  }

  public Path stampDir() {
    return dataDir.resolve(stamp.value());
  }

  public StampConfig withPartBytesMin(long bytes) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain, users,
        extentBytesTarget, heartbeatInterval, nodeTimeout, bytes, lifecycle, balance, requestLimits);
  }

  /** When the partition manager splits, merges and moves ranges on its own. */
  public StampConfig withBalance(BalanceConfig newBalance) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain, users,
        extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, newBalance, requestLimits);
  }

  /** The partition servers' request-rate limits (tests lower them to see 503 SlowDown). */
  public StampConfig withRequestLimits(RequestRateLimits limits) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, nodeCapacityBytes, dataDir, basePort, dnsPort, domain, users,
        extentBytesTarget, heartbeatInterval, nodeTimeout, partBytesMin, lifecycle, balance, limits);
  }
}
