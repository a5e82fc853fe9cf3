package io.stampede.partition.gc;

import java.time.Duration;
import java.util.Objects;

/**
 * When garbage collection runs and what it rewrites: a pass over every range a partition server
 * serves every {@code interval} (zero: only when forced), and a sealed extent whose live bytes
 * are under {@code liveRatioMin} of its stored bytes has its live blocks copied to the stream's
 * tail so that it can be dropped. Extents with no live byte are dropped at any ratio.
 */
public record GcConfig(Duration interval, double liveRatioMin) {
  public GcConfig {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || !(liveRatioMin >= 0 && liveRatioMin <= 1)) {
      throw new IllegalArgumentException("bad gc config " + interval + " " + liveRatioMin);
    }
  }

  /**
   * A pass every 30 s; extents under half live are rewritten, so sealed blob extents hold at most
   * about twice their live bytes, and far less once a workload's garbage is whole extents.
   */
  public static GcConfig defaults() {
    return new GcConfig(Duration.ofSeconds(30), 0.5);
  }

  public GcConfig withInterval(Duration newInterval) {
    return new GcConfig(newInterval, liveRatioMin);
  }
}
