package io.stampede.partition.throttle;

/**
 * A request-rate limit: {@code requestsPerSecond} sustained, up to {@code burst} requests at once
 * after a quiet spell. A rate of 0 means unlimited (and then {@code burst} is ignored).
 */
public record RateLimit(int requestsPerSecond, int burst) {
  public static final RateLimit UNLIMITED = new RateLimit(0, 0);

  public RateLimit {
    if (requestsPerSecond < 0 || burst < 0) {
      throw new IllegalArgumentException("rate and burst must be >= 0, got " + requestsPerSecond + ", " + burst);
    }
    if (requestsPerSecond > 0 && burst < 1) {
      throw new IllegalArgumentException("a limited rate needs a burst >= 1, got " + burst);
    }
  }

  /** {@code rps} requests a second with a burst of one second's worth; 0 is unlimited. */
  public static RateLimit perSecond(int rps) {
    return rps == 0 ? UNLIMITED : new RateLimit(rps, rps);
  }

  public boolean unlimited() {
    return requestsPerSecond == 0;
  }

  /** How long an untouched bucket of this limit takes to fill up from empty, in milliseconds. */
  long refillMs() {
    return unlimited() ? 0 : (burst * 1000L + requestsPerSecond - 1) / requestsPerSecond;
  }

  @Override
  public String toString() {
    return unlimited() ? "unlimited" : requestsPerSecond + "/s (burst " + burst + ")";
  }
}
