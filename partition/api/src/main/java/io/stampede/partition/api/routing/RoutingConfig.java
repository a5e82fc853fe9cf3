package io.stampede.partition.api.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RoutingPartitionClient}: how many times a call goes out when the owner
 * does not serve the key or cannot be reached (each retry after refreshing the map and waiting
 * {@link #backoff}), and the deadline of unary calls.
 */
public record RoutingConfig(int attemptsMax, Duration retryBackoff, Duration callTimeout) {
  public RoutingConfig {
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (attemptsMax < 1 || retryBackoff.isNegative() || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("bad routing config " + attemptsMax + " " + retryBackoff + " " + callTimeout);
    }
  }

  /**
   * 12 attempts, 100 ms backoff step (waits of 100, 200, ... 500 ms, then 500 ms: about 4.5 s in
   * all, enough to ride over a range's split, merge or move), 10 s call deadline.
   */
  public static RoutingConfig defaults() {
    return new RoutingConfig(12, Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  /** The wait before attempt {@code attempt + 1}: the step times the attempt number, at most five steps. */
  public Duration backoff(int attempt) {
    return retryBackoff.multipliedBy(Math.min(attempt, 5));
  }
}
