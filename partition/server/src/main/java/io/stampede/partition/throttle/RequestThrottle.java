package io.stampede.partition.throttle;

import com.google.common.base.Ticker;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import io.stampede.common.id.PartitionId;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Admits or refuses each object operation of a partition server by its S3 bucket's and its range
 * partition's {@link TokenBucket}. The bucket's limit is asked first, and a request its range
 * refuses gives its bucket token back: a noisy bucket's refused requests never use up the range's
 * tokens that the other buckets of the range need, and a request refused by one limit costs the
 * other nothing. Limiters of buckets and ranges without a recent request are dropped (bounded
 * memory, see {@link RequestRateLimits}); expiry runs on the injected clock. Thread-safe.
 */
public final class RequestThrottle {
  private final RequestRateLimits limits;
  private final Consumer<ThrottleReason> onThrottled;
  private final LoadingCache<String, TokenBucket> buckets;
  private final LoadingCache<PartitionId, TokenBucket> ranges;

  /** {@code onThrottled} hears of each refusal (for metrics). */
  public RequestThrottle(RequestRateLimits limits, Clock clock, Consumer<ThrottleReason> onThrottled) {
    this.limits = limits;
    this.onThrottled = onThrottled;
    Ticker ticker = new Ticker() {
      @Override
      public long read() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }
    };
    this.buckets = cache(ticker, limits, limits.bucketsTrackedMax(), limits.bucket(), clock);
    // Ranges are few (those this server serves), but they come and go with splits, merges and moves.
    this.ranges = cache(ticker, limits, Integer.MAX_VALUE, limits.range(), clock);
  }

  private static <K> LoadingCache<K, TokenBucket> cache(Ticker ticker, RequestRateLimits limits, int sizeMax,
      RateLimit limit, Clock clock) {
    return CacheBuilder.newBuilder()
        .ticker(ticker)
        .expireAfterAccess(limits.bucketIdleExpiry().toMillis(), TimeUnit.MILLISECONDS)
        .maximumSize(sizeMax)
        .build(CacheLoader.from(k -> new TokenBucket(limit, clock)));
  }

  /**
   * Takes a token of {@code bucket}'s limit and one of {@code range}'s; when either has none,
   * takes nothing and answers which limit refused.
   */
  public Optional<ThrottleReason> admit(PartitionId range, String bucket) {
    TokenBucket ofBucket = limits.bucket().unlimited() ? null : buckets.getUnchecked(bucket);
    if (ofBucket != null && !ofBucket.tryTake()) {
      return refused(ThrottleReason.BUCKET);
    }
    if (!limits.range().unlimited() && !ranges.getUnchecked(range).tryTake()) {
      if (ofBucket != null) {
        ofBucket.giveBack();
      }
      return refused(ThrottleReason.RANGE);
    }
    return Optional.empty();
  }

  private Optional<ThrottleReason> refused(ThrottleReason reason) {
    onThrottled.accept(reason);
    return Optional.of(reason);
  }

  /** How many buckets' limiters are held now. */
  public long bucketsTracked() {
    buckets.cleanUp();
    return buckets.size();
  }

  public RequestRateLimits limits() {
    return limits;
  }
}
