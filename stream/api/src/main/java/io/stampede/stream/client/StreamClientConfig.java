package io.stampede.stream.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the stream client batches, rolls over and retries.
 *
 * @param extentBytesTarget seal the open extent and open a new one once it reaches this length
 * @param blockBytesMax largest block an append accepts
 * @param batchBlocksMax most blocks sent to a primary in one append (group commit)
 * @param batchBytesMax most payload bytes sent to a primary in one append
 * @param appendQueueBytesMax bytes of blocks that may wait per stream before appends fail fast (an
 *     append to an empty queue is always taken)
 * @param replayBatchBytes payload bytes asked per read while replaying
 * @param rpcTimeout deadline of every call to the stream manager or an extent node
 * @param appendAttemptsMax tries of one batch (each failed try seals the extent and moves on)
 * @param retryBackoff pause before the second try; doubles per try, at most 2 s
 * @param readTimeout deadline of one read on one replica before the next replica is tried
 */
public record StreamClientConfig(
    long extentBytesTarget,
    int blockBytesMax,
    int batchBlocksMax,
    int batchBytesMax,
    long appendQueueBytesMax,
    int replayBatchBytes,
    Duration rpcTimeout,
    int appendAttemptsMax,
    Duration retryBackoff,
    Duration readTimeout) {
  public static final int MIB = 1024 * 1024;
  /**
   * The default block bound: 64 bytes under 1 MiB, so that a batch of four blocks, or a read of
   * one, fits with its framing the 4 MiB (1 MiB) buffer the receiver gathers the message in,
   * instead of one twice as large.
   */
  public static final int BLOCK_BYTES_MAX = MIB - 64;

  public StreamClientConfig {
    Objects.requireNonNull(rpcTimeout, "rpcTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(readTimeout, "readTimeout");
    if (blockBytesMax <= 0 || batchBytesMax < blockBytesMax || batchBytesMax > 6 * MIB) {
      throw new IllegalArgumentException(
          "need 0 < blockBytesMax <= batchBytesMax <= 6 MiB: " + blockBytesMax + ", " + batchBytesMax);
    }
    if (extentBytesTarget <= 0 || batchBlocksMax <= 0 || appendQueueBytesMax <= 0
        || replayBatchBytes <= 0 || replayBatchBytes > 6 * MIB || appendAttemptsMax <= 0) {
      throw new IllegalArgumentException("bad stream client config");
    }
    if (retryBackoff.isNegative() || readTimeout.isNegative() || readTimeout.isZero() || rpcTimeout.isNegative()
        || rpcTimeout.isZero()) {
      throw new IllegalArgumentException("bad stream client timeouts");
    }
  }

  /**
   * 64 MiB extents, blocks of {@link #BLOCK_BYTES_MAX}, 4 MiB batches, 10 s RPC deadline, 5 tries
   * from 50 ms, 3 s reads.
   */
  public static StreamClientConfig defaults() {
    return new StreamClientConfig(64L * MIB, BLOCK_BYTES_MAX, 256, 4 * MIB, 64L * MIB, 4 * MIB, Duration.ofSeconds(10),
        5, Duration.ofMillis(50), Duration.ofSeconds(3));
  }

  public StreamClientConfig withExtentBytesTarget(long bytes) {
    return new StreamClientConfig(bytes, blockBytesMax, batchBlocksMax, batchBytesMax,
        appendQueueBytesMax, replayBatchBytes, rpcTimeout, appendAttemptsMax, retryBackoff,
        readTimeout);
  }

  public StreamClientConfig withRetries(int attemptsMax, Duration backoff) {
    return new StreamClientConfig(extentBytesTarget, blockBytesMax, batchBlocksMax, batchBytesMax,
        appendQueueBytesMax, replayBatchBytes, rpcTimeout, attemptsMax, backoff, readTimeout);
  }

  public StreamClientConfig withReadTimeout(Duration timeout) {
    return new StreamClientConfig(extentBytesTarget, blockBytesMax, batchBlocksMax, batchBytesMax,
        appendQueueBytesMax, replayBatchBytes, rpcTimeout, appendAttemptsMax, retryBackoff, timeout);
  }
}
