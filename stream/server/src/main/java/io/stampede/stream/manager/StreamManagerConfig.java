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
 * @param nodeTimeout an extent node not heard from for this long gets no new extents
 * @param rpcTimeout deadline of calls to extent nodes
 * @param placementSeed seeds the placement tie-break
 */
public record StreamManagerConfig(
    StampId stamp,
    Endpoint endpoint,
    Path dataDir,
    Duration nodeTimeout,
    Duration rpcTimeout,
    long placementSeed) {
  public StreamManagerConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(dataDir, "dataDir");
    if (nodeTimeout.isNegative() || nodeTimeout.isZero() || rpcTimeout.isNegative()
        || rpcTimeout.isZero()) {
      throw new IllegalArgumentException("nodeTimeout and rpcTimeout must be positive");
    }
  }

  /** 10 s node timeout, 10 s RPC deadline, seed 7. */
  public static StreamManagerConfig defaults(StampId stamp, Endpoint endpoint, Path dataDir) {
    return new StreamManagerConfig(stamp, endpoint, dataDir, Duration.ofSeconds(10),
        Duration.ofSeconds(10), 7L);
  }
}
