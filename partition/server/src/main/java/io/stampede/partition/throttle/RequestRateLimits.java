package io.stampede.partition.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * The request-rate limits of one partition server. Each object operation takes one token of
 * its S3 bucket's limit and one of its range partition's; limits hold per partition server, so a
 * bucket whose ranges sit on several servers gets the bucket limit on each of them.
 *
 * @param bucket limit of each S3 bucket on this server
 * @param range limit of each range partition this server serves
 * @param bucketsTrackedMax at most this many buckets' limiters are kept (the least recently used
 *     go first); a bucket whose limiter went is treated as one not seen for long: its bucket starts full
 * @param bucketIdleExpiry a bucket (or range) without a request for this long drops its limiter;
 *     at least the time its limit takes to refill from empty, so dropping it changes nothing
 */
public record RequestRateLimits(RateLimit bucket, RateLimit range, int bucketsTrackedMax, Duration bucketIdleExpiry) {
  /** S3's documented per-prefix rate: 3,500 writes (and 5,500 reads) a second. */
  public static final int BUCKET_REQUESTS_PER_SECOND = 3500;
  public static final int RANGE_REQUESTS_PER_SECOND = 5000;

  public RequestRateLimits {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(bucketIdleExpiry, "bucketIdleExpiry");
    if (bucketsTrackedMax < 1) {
      throw new IllegalArgumentException("bucketsTrackedMax must be >= 1, got " + bucketsTrackedMax);
    }
    long refillMs = Math.max(bucket.refillMs(), range.refillMs());
    if (bucketIdleExpiry.toMillis() < refillMs) {
      throw new IllegalArgumentException("bucketIdleExpiry " + bucketIdleExpiry
          + " is shorter than a limit's refill time of " + refillMs + " ms");
    }
  }

  /**
   * 3,500 requests/s per bucket (S3's per-prefix write rate: a client S3 would serve is not
   * throttled here either) and 5,000 per range, each with one second's worth of burst; 10,000
   * buckets tracked, forgotten after 60 s without a request. A whole stamp on a laptop serves far
   * fewer requests a second, so these defaults never throttle tests or demos; they are there to be
   * lowered ({@code ./stamp up --bucket-rate-limit}).
   */
  public static RequestRateLimits defaults() {
    return new RequestRateLimits(RateLimit.perSecond(BUCKET_REQUESTS_PER_SECOND),
        RateLimit.perSecond(RANGE_REQUESTS_PER_SECOND), 10_000, Duration.ofSeconds(60));
  }

  /** No limit at all. */
  public static RequestRateLimits unlimited() {
    return new RequestRateLimits(RateLimit.UNLIMITED, RateLimit.UNLIMITED, 10_000, Duration.ofSeconds(60));
  }

  public RequestRateLimits withBucket(RateLimit limit) {
    return new RequestRateLimits(limit, range, bucketsTrackedMax, bucketIdleExpiry);
  }

  public RequestRateLimits withRange(RateLimit limit) {
    return new RequestRateLimits(bucket, limit, bucketsTrackedMax, bucketIdleExpiry);
  }

  public RequestRateLimits withTracking(int bucketsMax, Duration idleExpiry) {
    return new RequestRateLimits(bucket, range, bucketsMax, idleExpiry);
  }
}
