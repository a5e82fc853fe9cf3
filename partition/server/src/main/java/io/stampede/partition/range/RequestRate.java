package io.stampede.partition.range;

import java.time.Clock;

/**
 * Requests per second of one range over the last {@value #WINDOW_SECONDS} seconds, in one-second
 * buckets of the injected clock. Thread-safe.
 */
final class RequestRate {
  static final int WINDOW_SECONDS = 10;
  private final Clock clock;
  private final long[] counts = new long[WINDOW_SECONDS];
  private final long[] seconds = new long[WINDOW_SECONDS];

  RequestRate(Clock clock) {
    this.clock = clock;
  }

  synchronized void record() {
    long now = clock.millis() / 1000;
    int slot = (int) Math.floorMod(now, (long) WINDOW_SECONDS);
    if (seconds[slot] != now) {
      seconds[slot] = now;
      counts[slot] = 0;
    }
    counts[slot]++;
  }

  synchronized double perSecond() {
    long now = clock.millis() / 1000;
    long sum = 0;
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      if (now - seconds[i] < WINDOW_SECONDS && seconds[i] <= now) {
        sum += counts[i];
      }
    }
    return sum / (double) WINDOW_SECONDS;
  }
}
