package io.stampede.partition.api.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RoutingPartitionClient}: how many times a call goes out when the owner
 * does not serve the key or cannot be reached (each retry after refreshing the map and waiting
 * {@code retryBackoff} times the attempt number), and the deadline of unary calls.
 */
public record RoutingConfig(int attemptsMax, Duration retryBackoff, Duration callTimeout) {
  public RoutingConfig {
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (attemptsMax < 1 || retryBackoff.isNegative() || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("bad routing config " + attemptsMax + " " + retryBackoff + " " + callTimeout);
    }
  }

  /** 5 attempts, 100 ms backoff step, 10 s call deadline. */
  public static RoutingConfig defaults() {
    return new RoutingConfig(5, Duration.ofMillis(100), Duration.ofSeconds(10));
  }
}
