package io.stampede.stream.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the stream client batches and rolls over.
 *
 * @param extentBytesTarget seal the open extent and open a new one once it reaches this length
 * @param blockBytesMax largest block an append accepts
 * @param batchBlocksMax most blocks sent to a primary in one append (group commit)
 * @param batchBytesMax most payload bytes sent to a primary in one append
 * @param appendQueueBlocksMax blocks that may wait per stream before appends fail fast
 * @param replayBatchBytes payload bytes asked per read while replaying
 * @param rpcTimeout deadline of every call to the stream manager or an extent node
 */
public record StreamClientConfig(
    long extentBytesTarget,
    int blockBytesMax,
    int batchBlocksMax,
    int batchBytesMax,
    int appendQueueBlocksMax,
    int replayBatchBytes,
    Duration rpcTimeout) {
  public static final int MIB = 1024 * 1024;

  public StreamClientConfig {
    Objects.requireNonNull(rpcTimeout, "rpcTimeout");
    if (blockBytesMax <= 0 || batchBytesMax < blockBytesMax || batchBytesMax > 6 * MIB) {
      throw new IllegalArgumentException(
          "need 0 < blockBytesMax <= batchBytesMax <= 6 MiB: " + blockBytesMax + ", " + batchBytesMax);
    }
    if (extentBytesTarget <= 0 || batchBlocksMax <= 0 || appendQueueBlocksMax <= 0
        || replayBatchBytes <= 0 || replayBatchBytes > 6 * MIB) {
      throw new IllegalArgumentException("bad stream client config");
    }
  }

  public static StreamClientConfig defaults() {
    return new StreamClientConfig(64L * MIB, MIB, 256, 4 * MIB, 4096, 4 * MIB, Duration.ofSeconds(10));
  }

  public StreamClientConfig withExtentBytesTarget(long bytes) {
    return new StreamClientConfig(bytes, blockBytesMax, batchBlocksMax, batchBytesMax,
        appendQueueBlocksMax, replayBatchBytes, rpcTimeout);
  }
}
