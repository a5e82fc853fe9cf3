package io.stampede.stream.node;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One extent node.
 *
 * @param stamp the stamp, a metrics tag
 * @param id this node
 * @param rack the fault domain it sits in
 * @param endpoint where it listens (port 0: any free port)
 * @param dataDir this node's own directory; extents live in {@code dataDir/extents}
 * @param blockBytesMax largest block accepted
 * @param batchBytesMax most payload bytes per group-commit batch, read reply and copy batch
 * @param appendQueueBytesMax bytes of blocks that may wait per extent before appends fail fast
 *     (an append to an empty queue is always taken)
 * @param openFilesMax extent files kept open at once
 * @param ioThreads worker threads for disk I/O
 * @param heartbeatInterval how often the node reports itself and its replicas to the stream manager
 * @param streamManagers where the stream manager peers listen (heartbeats go to the leader)
 * @param rpcTimeout deadline of calls to the stream manager and to other extent nodes
 * @param capacityBytes the space this node offers; its free bytes are this minus the bytes it
 *     holds. 0: the usable space of the file system holding {@code dataDir}
 * @param scrubBytesPerSecond how fast the background scrubber re-reads sealed extents (a whole
 *     stamp runs one scrubber per extent node, in one JVM under {@code ./stamp up}: its reads add up)
 */
public record ExtentNodeConfig(
    StampId stamp,
    ExtentNodeId id,
    RackId rack,
    Endpoint endpoint,
    Path dataDir,
    int blockBytesMax,
    int batchBytesMax,
    long appendQueueBytesMax,
    int openFilesMax,
    int ioThreads,
    Duration heartbeatInterval,
    List<Endpoint> streamManagers,
    Duration rpcTimeout,
    long capacityBytes,
    long scrubBytesPerSecond) {
  public static final int MIB = 1024 * 1024;

  public ExtentNodeConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rack, "rack");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(dataDir, "dataDir");
    streamManagers = List.copyOf(streamManagers);
    if (streamManagers.isEmpty()) {
      throw new IllegalArgumentException("no stream manager endpoint for " + id);
    }
    if (blockBytesMax <= 0 || batchBytesMax < blockBytesMax || batchBytesMax > 6 * MIB) {
      throw new IllegalArgumentException(
          "need 0 < blockBytesMax <= batchBytesMax <= 6 MiB: " + blockBytesMax + ", " + batchBytesMax);
    }
    if (appendQueueBytesMax <= 0 || openFilesMax <= 0 || ioThreads <= 0 || capacityBytes < 0
        || scrubBytesPerSecond <= 0) {
      throw new IllegalArgumentException("bad extent node config for " + id);
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || rpcTimeout.isNegative()
        || rpcTimeout.isZero()) {
      throw new IllegalArgumentException("heartbeatInterval and rpcTimeout must be positive");
    }
  }

  /**
   * 1 MiB blocks, 4 MiB batches, 64 MiB queued per extent, 256 open files, 4 I/O threads, 1 s
   * heartbeat, 10 s RPC deadline, the file system's free space, scrubbing at 1 MiB/s (a 64 MiB
   * extent a minute; the 8 nodes of {@code ./stamp up} re-read 8 MiB/s together).
   */
  public static ExtentNodeConfig defaults(StampId stamp, ExtentNodeId id, RackId rack,
      Endpoint endpoint, Path dataDir, List<Endpoint> streamManagers) {
    return new ExtentNodeConfig(stamp, id, rack, endpoint, dataDir, MIB, 4 * MIB, 64L * MIB, 256, 4,
        Duration.ofSeconds(1), streamManagers, Duration.ofSeconds(10), 0, MIB);
  }

  public ExtentNodeConfig withHeartbeatInterval(Duration interval) {
    return new ExtentNodeConfig(stamp, id, rack, endpoint, dataDir, blockBytesMax, batchBytesMax,
        appendQueueBytesMax, openFilesMax, ioThreads, interval, streamManagers, rpcTimeout,
        capacityBytes, scrubBytesPerSecond);
  }

  public ExtentNodeConfig withEndpoint(Endpoint newEndpoint) {
    return new ExtentNodeConfig(stamp, id, rack, newEndpoint, dataDir, blockBytesMax, batchBytesMax,
        appendQueueBytesMax, openFilesMax, ioThreads, heartbeatInterval, streamManagers, rpcTimeout,
        capacityBytes, scrubBytesPerSecond);
  }

  public ExtentNodeConfig withCapacityBytes(long bytes) {
    return new ExtentNodeConfig(stamp, id, rack, endpoint, dataDir, blockBytesMax, batchBytesMax,
        appendQueueBytesMax, openFilesMax, ioThreads, heartbeatInterval, streamManagers, rpcTimeout,
        bytes, scrubBytesPerSecond);
  }

  public ExtentNodeConfig withScrubBytesPerSecond(long bytesPerSecond) {
    return new ExtentNodeConfig(stamp, id, rack, endpoint, dataDir, blockBytesMax, batchBytesMax,
        appendQueueBytesMax, openFilesMax, ioThreads, heartbeatInterval, streamManagers, rpcTimeout,
        capacityBytes, bytesPerSecond);
  }
}
