package io.stampede.partition.manager;

import java.time.Duration;

/**
 * When the partition manager splits, merges and moves ranges on its own. A range is split when
 * its live keys exceed {@code splitKeys}, its bytes {@code splitBytes} or its request rate
 * {@code splitRequestsPerSecond} (a threshold of 0 is off), while the map holds fewer than
 * {@code rangesHigh} ranges. Two adjacent ranges are merged when together they stay under a
 * quarter of every split threshold, while the map holds more than {@code rangesLow}. A range is
 * moved from the server holding most ranges to the one holding fewest when they differ by two or
 * more, and the hottest range of a server is moved when that server takes more than twice the
 * request rate of the least loaded one (and at least {@code splitRequestsPerSecond / 4}).
 * No merge happens within {@code mergeHold} of the last split (automatic or manual), so a range
 * just split by hand is not merged straight back. Nothing happens when {@code enabled} is false
 * (manual split, merge and move still work).
 */
public record BalanceConfig(boolean enabled, long splitKeys, long splitBytes, double splitRequestsPerSecond,
    int rangesLow, int rangesHigh, Duration mergeHold) {
  public BalanceConfig {
    java.util.Objects.requireNonNull(mergeHold, "mergeHold");
    if (mergeHold.isNegative() || splitKeys < 0 || splitBytes < 0 || splitRequestsPerSecond < 0 || rangesLow < 1 || rangesHigh < rangesLow) {
      throw new IllegalArgumentException("bad balance settings: keys " + splitKeys + ", bytes " + splitBytes
          + ", rps " + splitRequestsPerSecond + ", watermarks " + rangesLow + ".." + rangesHigh);
    }
  }

  /** 100,000 keys, 4 GiB or 2,000 requests/s per range; between 3 and 64 ranges; no merge within 60 s of a split. */
  public static BalanceConfig defaults() {
    return new BalanceConfig(true, 100_000, 4L << 30, 2_000, 3, 64, Duration.ofSeconds(60));
  }

  public static BalanceConfig off() {
    return new BalanceConfig(false, 0, 0, 0, 1, Integer.MAX_VALUE, Duration.ZERO);
  }

  boolean tooBig(long keys, long bytes, double requestsPerSecond) {
    return over(keys, splitKeys) || over(bytes, splitBytes) || (splitRequestsPerSecond > 0
        && requestsPerSecond > splitRequestsPerSecond);
  }

  boolean cold(long keys, long bytes, double requestsPerSecond) {
    return under(keys, splitKeys) && under(bytes, splitBytes)
        && (splitRequestsPerSecond == 0 || requestsPerSecond < splitRequestsPerSecond / 4);
  }

  private static boolean over(long value, long threshold) {
    return threshold > 0 && value > threshold;
  }

  private static boolean under(long value, long threshold) {
    return threshold == 0 || value < threshold / 4;
  }
}
