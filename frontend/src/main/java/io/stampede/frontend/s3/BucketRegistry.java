package io.stampede.frontend.s3;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.stampede.frontend.error.S3Error;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.LocationApi;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Looks buckets up in the location service with a small positive cache of bucket records
 * (location and settings): entries live {@code ttl}, the cache holds at most
 * {@link #CACHE_BYTES_MAX} of them by estimated size, and an entry is dropped at once when this
 * front end creates, changes or deletes the bucket, so this front end sees its own changes on
 * the next request. Front ends sharing one registry (a stamp's, in one JVM) see each other's
 * changes alike; others see them within {@code ttl}. Nothing about objects is cached.
 */
public final class BucketRegistry {
  /** Bucket records with large lifecycle or CORS rules weigh more; the cache stays under this. */
  static final long CACHE_BYTES_MAX = 32L << 20;

  private final LocationApi locations;
  private final Cache<String, BucketLocation> cache;
  /** Counts changes; a lookup that overlapped one does not fill the cache with what it read. */
  private final AtomicLong changes = new AtomicLong();

  public BucketRegistry(LocationApi locations, Clock clock, Duration ttl) {
    this.locations = locations;
    Ticker ticker = new Ticker() {
      @Override
      public long read() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }
    };
    this.cache = CacheBuilder.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(ttl)
        .maximumWeight(ttl.isZero() ? 0 : CACHE_BYTES_MAX)
        .<String, BucketLocation>weigher((name, loc) -> (int) Math.min(Integer.MAX_VALUE, loc.estimatedBytes()))
        .build();
  }

  /** The bucket, if it exists (NoSuchBucket) and {@code caller} owns it (AccessDenied). */
  public Future<BucketLocation> check(String bucket, String caller) {
    return lookup(bucket).compose(loc -> loc.owner().equals(caller)
        ? Future.succeededFuture(loc)
        : Future.failedFuture(S3Error.ACCESS_DENIED.exception()));
  }

  /** The bucket whoever asks (NoSuchBucket if absent): for requests that carry no identity. */
  public Future<BucketLocation> lookup(String bucket) {
    BucketLocation cached = cache.getIfPresent(bucket);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long seen = changes.get();
    return locations.getBucket(bucket).onSuccess(loc -> {
      if (changes.get() == seen) {
        cache.put(bucket, loc);
      }
    });
  }

  /** Forgets the bucket after this front end created, changed or deleted it. */
  public void invalidate(String bucket) {
    changes.incrementAndGet();
    cache.invalidate(bucket);
  }

  long cachedBuckets() {
    return cache.size();
  }
}
