package io.stampede.ministamp;

import io.stampede.common.id.StampId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of one stamp run in one JVM: how many racks and nodes, where its data lives, the
 * base port its roles' ports derive from (see {@link PortPlan}) and the S3 credentials.
 */
public record StampConfig(
    StampId stamp,
    int racks,
    int extentNodesPerRack,
    int partitionServers,
    Path dataDir,
    int basePort,
    String domain,
    Map<String, String> credentials,
    long extentBytesTarget) {
  public static final String DEFAULT_ACCESS_KEY = "stampede";
  public static final String DEFAULT_SECRET_KEY = "stampede-secret";

  public StampConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(dataDir, "dataDir");
    credentials = Map.copyOf(credentials);
    if (racks < 3) {
      throw new IllegalArgumentException("a stamp needs at least 3 racks (3 replicas in 3 fault domains), got " + racks);
    }
    if (extentNodesPerRack < 1 || extentNodesPerRack > 250 || racks > 250) {
      throw new IllegalArgumentException("racks and nodes per rack must be within 1..250");
    }
    if (partitionServers < 1 || partitionServers > 50) {
      throw new IllegalArgumentException("partition servers must be within 1..50");
    }
    if (basePort < 1024 || basePort > 65535 - PortPlan.SPAN) {
      throw new IllegalArgumentException("port must be within 1024.." + (65535 - PortPlan.SPAN));
    }
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("at least one access key is needed");
    }
    if (extentBytesTarget < (1 << 20)) {
      throw new IllegalArgumentException("extent target size must be at least 1 MiB");
    }
  }

  /** The defaults of {@code ./stamp up}: 3 racks x 2 extent nodes, 2 partition servers, port 9000. */
  public static StampConfig defaults(Path dataDir) {
    return new StampConfig(StampId.of("stamp1"), 3, 2, 2, dataDir, 9000, "localhost",
        Map.of(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY), 64L << 20);
  }

  public StampConfig withRacks(int r, int perRack) {
    return new StampConfig(stamp, r, perRack, partitionServers, dataDir, basePort, domain, credentials,
        extentBytesTarget);
  }

  public StampConfig withBasePort(int port) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, dataDir, port, domain,
        credentials, extentBytesTarget);
  }

  public StampConfig withCredentials(Map<String, String> creds) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, dataDir, basePort, domain,
        creds, extentBytesTarget);
  }

  public StampConfig withPartitionServers(int n) {
    return new StampConfig(stamp, racks, extentNodesPerRack, n, dataDir, basePort, domain, credentials,
        extentBytesTarget);
  }

  public StampConfig withExtentBytesTarget(long bytes) {
    return new StampConfig(stamp, racks, extentNodesPerRack, partitionServers, dataDir, basePort, domain,
        credentials, bytes);
  }

  public Path stampDir() {
    return dataDir.resolve(stamp.value());
  }
}
