package io.stampede.bench;

import java.util.Arrays;

/**
 * Latencies of one phase, every sample kept (phases run thousands of operations, not millions),
 * with nearest-rank percentiles. Thread-safe.
 */
final class LatencyRecorder {
  private long[] nanos = new long[1024];
  private int size;

  synchronized void record(long latencyNanos) {
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("negative latency " + latencyNanos);
    }
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = latencyNanos;
  }

  synchronized int count() {
    return size;
  }

  /**
   * The nearest-rank percentile: the smallest sample with at least {@code q} of all samples at or
   * below it ({@code q} in (0, 1]), in milliseconds; NaN without samples.
   */
  synchronized double percentileMs(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("percentile must be in (0, 1], got " + q);
    }
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * size);
    return sorted[Math.max(rank, 1) - 1] / 1e6;
  }
}
