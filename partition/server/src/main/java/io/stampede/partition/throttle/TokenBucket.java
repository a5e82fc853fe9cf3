package io.stampede.partition.throttle;

import java.time.Clock;

/**
 * A token bucket on an injected clock: starts full with {@code burst} tokens and gains
 * {@code requestsPerSecond} a second, never more than {@code burst}; each request takes one.
 * Thread-safe. A clock going backwards adds nothing (the bucket waits until it passes the last
 * time seen).
 */
final class TokenBucket {
  /** Tokens are counted in thousandths, so a rate per second refills a whole number each millisecond. */
  private static final long UNIT = 1000;

  private final Clock clock;
  private final long perMs;
  private final long capacity;
  private long tokens;
  private long lastMs;

  TokenBucket(RateLimit limit, Clock clock) {
    if (limit.unlimited()) {
      throw new IllegalArgumentException("an unlimited rate needs no token bucket");
    }
    this.clock = clock;
    this.perMs = limit.requestsPerSecond();
    this.capacity = limit.burst() * UNIT;
    this.tokens = capacity;
    this.lastMs = clock.millis();
  }

  /** Takes a token if there is one. */
  synchronized boolean tryTake() {
    refill();
    if (tokens < UNIT) {
      return false;
    }
    tokens -= UNIT;
    return true;
  }

  /** Gives back a token taken for a request that was refused anyway. */
  synchronized void giveBack() {
    tokens = Math.min(capacity, tokens + UNIT);
  }

  /** The whole tokens available now. */
  synchronized int available() {
    refill();
    return (int) (tokens / UNIT);
  }

  private void refill() {
    long now = clock.millis();
    if (now > lastMs) {
      // Past the time to fill up from empty the bucket is full (and the product cannot overflow).
      long elapsedMs = Math.min(now - lastMs, capacity / perMs + 1);
      tokens = Math.min(capacity, tokens + elapsedMs * perMs);
      lastMs = now;
    }
  }
}
