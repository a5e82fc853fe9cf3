package io.stampede.partition.range;

import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.gc.GcConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the range partitions a partition server runs.
 *
 * @param pendingBlocksMax blob blocks of one PutObject or UploadPart that may be appending at
 *     once before its body is paused
 * @param chunkBytesMax the largest chunk a GetObject body delivers
 * @param checkpointRecords commit-log records a range writes between two checkpoints
 * @param drainTimeout how long closing a range waits for its writes in flight (those still
 *     running then fail)
 * @param gc garbage collection of the ranges' blob streams
 * @param blobWriteBytesMax blob bytes all the server's uploads together may hold in blocks
 *     waiting for or in an append: a full block takes its bytes before it is appended, gives
 *     them back when the append completes, and its body stays paused while none are free. Each
 *     upload also holds the block it is filling (at most one block), outside this bound; a
 *     block larger than the bound goes through alone
 * @param blobReadBytesMax blob bytes all the server's reads together may hold: a block takes
 *     its bytes before it is read from the stream layer and gives them back once its last chunk
 *     is handed on (or the read is cancelled or fails); the next block waits while none are free.
 *     A separate bound from writes, so a copy (read here, written here) can never wait on itself
 * @param readAheadBlocks blob blocks one GetObject may be reading from the stream layer ahead of
 *     its consumer (each within the read bound above): several reads in flight hide the round
 *     trip to the extent nodes that one block at a time would pay per block
 */
public record RangePartitionConfig(int pendingBlocksMax, int chunkBytesMax, int checkpointRecords,
    Duration drainTimeout, GcConfig gc, long blobWriteBytesMax, long blobReadBytesMax, int readAheadBlocks) {
  /** Default {@link #blobWriteBytesMax}: 16 one-MiB blocks. */
  public static final long BLOB_WRITE_BYTES_MAX = 16L << 20;
  /** Default {@link #blobReadBytesMax}: 16 one-MiB blocks. */
  public static final long BLOB_READ_BYTES_MAX = 16L << 20;
  /** Default {@link #readAheadBlocks}. */
  public static final int READ_AHEAD_BLOCKS = 4;

  public RangePartitionConfig {
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(gc, "gc");
    if (pendingBlocksMax < 1 || chunkBytesMax < 1 || checkpointRecords < 1 || drainTimeout.isNegative()
        || blobWriteBytesMax < 1 || blobReadBytesMax < 1 || readAheadBlocks < 1) {
      throw new IllegalArgumentException("bad range partition config " + pendingBlocksMax + " " + chunkBytesMax
          + " " + checkpointRecords + " " + drainTimeout + " " + blobWriteBytesMax + " " + blobReadBytesMax
          + " " + readAheadBlocks);
    }
  }

  /** With the default garbage collection and blob byte bounds. */
  public RangePartitionConfig(int pendingBlocksMax, int chunkBytesMax, int checkpointRecords, Duration drainTimeout) {
    this(pendingBlocksMax, chunkBytesMax, checkpointRecords, drainTimeout, GcConfig.defaults(),
        BLOB_WRITE_BYTES_MAX, BLOB_READ_BYTES_MAX, READ_AHEAD_BLOCKS);
  }

  /**
   * 8 blocks in flight per upload (with 2, the blob stream's group commit found one block waiting
   * whenever a batch completed, so every MiB paid a whole round of three fsyncs; with 8 a batch
   * carries about four: one 64 MiB upload measured 49-56 MiB/s instead of 42-46), chunks of one
   * gRPC message ({@link PartitionGrpc#CHUNK_BYTES_MAX}), a checkpoint every 5000 records, 10 s to
   * drain writes, default gc, 16 MiB of blob blocks being written and 16 MiB being read per server,
   * 4 blocks read ahead per GetObject (enough to keep every blob stream's group commit busy, small
   * enough that the copies each block costs on its way to three replicas fit a small heap).
   */
  public static RangePartitionConfig defaults() {
    return new RangePartitionConfig(8, PartitionGrpc.CHUNK_BYTES_MAX, 5000, Duration.ofSeconds(10));
  }

  public RangePartitionConfig withCheckpointRecords(int records) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, records, drainTimeout, gc,
        blobWriteBytesMax, blobReadBytesMax, readAheadBlocks);
  }

  public RangePartitionConfig withDrainTimeout(Duration timeout) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, checkpointRecords, timeout, gc,
        blobWriteBytesMax, blobReadBytesMax, readAheadBlocks);
  }

  public RangePartitionConfig withGc(GcConfig newGc) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, checkpointRecords, drainTimeout, newGc,
        blobWriteBytesMax, blobReadBytesMax, readAheadBlocks);
  }

  public RangePartitionConfig withBlobBytesMax(long writeBytesMax, long readBytesMax) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, checkpointRecords, drainTimeout, gc,
        writeBytesMax, readBytesMax, readAheadBlocks);
  }

  public RangePartitionConfig withReadAheadBlocks(int blocks) {
    return new RangePartitionConfig(pendingBlocksMax, chunkBytesMax, checkpointRecords, drainTimeout, gc,
        blobWriteBytesMax, blobReadBytesMax, blocks);
  }
}
