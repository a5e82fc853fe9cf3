package io.stampede.frontend.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * The lifecycle runner's configuration.
 *
 * @param interval how often a pass over the stamp's buckets starts (a pass still running is not overlapped)
 * @param dayLength how long a lifecycle "day" is: one real day, shorter in tests
 * @param pageSize how many buckets, objects or uploads one listing call asks for
 */
public record LifecycleRunnerConfig(Duration interval, Duration dayLength, int pageSize) {
  public LifecycleRunnerConfig {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(dayLength, "dayLength");
    if (interval.toMillis() < 1 || dayLength.toMillis() < 1) {
      throw new IllegalArgumentException("interval and day length must be at least 1 ms");
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("page size must be within 1..1000");
    }
  }

  /** A pass every 10 minutes, real days, pages of 1000. */
  public static LifecycleRunnerConfig defaults() {
    return new LifecycleRunnerConfig(Duration.ofMinutes(10), Duration.ofDays(1), 1000);
  }

  public LifecycleRunnerConfig withTiming(Duration newInterval, Duration newDayLength) {
    return new LifecycleRunnerConfig(newInterval, newDayLength, pageSize);
  }

  public LifecycleRunnerConfig withPageSize(int size) {
    return new LifecycleRunnerConfig(interval, dayLength, size);
  }
}
