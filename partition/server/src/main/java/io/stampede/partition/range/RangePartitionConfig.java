package io.stampede.partition.range;

/**
 * Settings of the range partitions a partition server runs: how many blob blocks of one
 * PutObject may be in flight before the body is paused, and the largest chunk a GetObject body
 * delivers.
 */
public record RangePartitionConfig(int pendingBlocksMax, int chunkBytesMax) {
  public RangePartitionConfig {
    if (pendingBlocksMax < 1 || chunkBytesMax < 1) {
      throw new IllegalArgumentException("bad range partition config " + pendingBlocksMax + " " + chunkBytesMax);
    }
  }

  /** 2 blocks in flight, 256 KiB chunks. */
  public static RangePartitionConfig defaults() {
    return new RangePartitionConfig(2, 256 * 1024);
  }
}
