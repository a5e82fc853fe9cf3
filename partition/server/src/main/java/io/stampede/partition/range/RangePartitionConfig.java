package io.stampede.partition.range;

import io.stampede.partition.gc.GcConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the range partitions a partition server runs: how many blob blocks of one
 * PutObject may be in flight before the body is paused, the largest chunk a GetObject body
 * delivers, how many commit-log records a range writes between two checkpoints, how long
 * closing a range waits for its writes in flight (those still running then fail), and garbage
 * collection of their blob streams.
 */
public record RangePartitionConfig(int pendingBlocksMax, int chunkBytesMax, int checkpointRecords,
    Duration drainTimeout, GcConfig gc) {
  public RangePartitionConfig {
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(gc, "gc");
    if (pendingBlocksMax < 1 || chunkBytesMax < 1 || checkpointRecords < 1 || drainTimeout.isNegative()) {
      throw new IllegalArgumentException("bad range partition config " + pendingBlocksMax + " " + chunkBytesMax
          + " " + checkpointRecords + " " + drainTimeout);
    }
  }

  /** With the default garbage collection. */
  public RangePartitionConfig(int pendingBlocksMax, int chunkBytesMax, int checkpointRecords, Duration drainTimeout) {
    this(pendingBlocksMax, chunkBytesMax, checkpointRecords, drainTimeout, GcConfig.defaults());
  }

  /** 2 blocks in flight, 256 KiB chunks, a checkpoint every 5000 records, 10 s to drain writes, default gc. */
  public static RangePartitionConfig defaults() {
    return new RangePartitionConfig(2, 256 * 1024, 5000, Duration.ofSeconds(10));
  }

  public RangePartitionConfig withCheckpointRecords(int records) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, records, drainTimeout, gc);
  }

  public RangePartitionConfig withDrainTimeout(Duration timeout) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, checkpointRecords, timeout, gc);
  }

  public RangePartitionConfig withGc(GcConfig newGc) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, checkpointRecords, drainTimeout, newGc);
  }
}
