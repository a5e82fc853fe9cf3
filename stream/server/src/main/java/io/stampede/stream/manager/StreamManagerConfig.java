package io.stampede.stream.manager;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The stream manager.
 *
 * @param stamp the stamp, a metrics tag
 * @param endpoint where it listens (port 0: any free port)
 * @param dataDir where its journal lives
 * @param nodeTimeout an extent node not heard from for this long is dead: it gets no new extents
 *     and its replicas are replaced
 * @param rpcTimeout deadline of calls to extent nodes
 * @param placementSeed seeds the placement tie-break
 * @param repairInterval how often under-replicated extents are looked for
 * @param copiesMax replica copies in flight at once
 * @param orphanGrace how long a replica no stream lists on its node may live before it is
 *     deleted (an extent being created or copied is not collected meanwhile)
 */
public record StreamManagerConfig(
    StampId stamp,
    Endpoint endpoint,
    Path dataDir,
    Duration nodeTimeout,
    Duration rpcTimeout,
    long placementSeed,
    Duration repairInterval,
    int copiesMax,
    Duration orphanGrace) {
  public StreamManagerConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(dataDir, "dataDir");
    for (Duration d : new Duration[] {nodeTimeout, rpcTimeout, repairInterval}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("nodeTimeout, rpcTimeout, repairInterval must be positive");
      }
    }
    if (copiesMax <= 0 || orphanGrace.isNegative()) {
      throw new IllegalArgumentException("bad copiesMax or orphanGrace");
    }
  }

  /** 5 s node timeout, 10 s RPC deadline, seed 7, repair every 1 s, 2 copies at once, 30 s grace. */
  public static StreamManagerConfig defaults(StampId stamp, Endpoint endpoint, Path dataDir) {
    return new StreamManagerConfig(stamp, endpoint, dataDir, Duration.ofSeconds(5),
        Duration.ofSeconds(10), 7L, Duration.ofSeconds(1), 2, Duration.ofSeconds(30));
  }

  public StreamManagerConfig withNodeTimeout(Duration timeout) {
    return new StreamManagerConfig(stamp, endpoint, dataDir, timeout, rpcTimeout, placementSeed,
        repairInterval, copiesMax, orphanGrace);
  }

  public StreamManagerConfig withRepair(Duration interval, int copies, Duration grace) {
    return new StreamManagerConfig(stamp, endpoint, dataDir, nodeTimeout, rpcTimeout, placementSeed,
        interval, copies, grace);
  }
}
