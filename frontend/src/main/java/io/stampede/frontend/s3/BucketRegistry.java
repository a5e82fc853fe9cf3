package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.LocationApi;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks buckets up in the location service with a small positive cache: entries live
 * {@code ttl} and are dropped at once when this front end creates or deletes the bucket. Only
 * bucket locations are cached, never anything about objects.
 */
public final class BucketRegistry {
  private static final int MAX_ENTRIES = 10_000;

  private final LocationApi locations;
  private final Clock clock;
  private final long ttlMs;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(BucketLocation location, long expiresMs) {}

  public BucketRegistry(LocationApi locations, Clock clock, Duration ttl) {
    this.locations = locations;
    this.clock = clock;
    this.ttlMs = ttl.toMillis();
  }

  /** The bucket, if it exists (NoSuchBucket) and {@code caller} owns it (AccessDenied). */
  public Future<BucketLocation> check(String bucket, String caller) {
    return lookup(bucket).compose(loc -> loc.owner().equals(caller)
        ? Future.succeededFuture(loc)
        : Future.failedFuture(S3Error.ACCESS_DENIED.exception()));
  }

  private Future<BucketLocation> lookup(String bucket) {
    long now = clock.millis();
    Entry e = cache.get(bucket);
    if (e != null && e.expiresMs() > now) {
      return Future.succeededFuture(e.location());
    }
    return locations.getBucket(bucket).onSuccess(loc -> {
      if (ttlMs > 0) {
        if (cache.size() >= MAX_ENTRIES) {
          cache.clear();
        }
        cache.put(bucket, new Entry(loc, now + ttlMs));
      }
    });
  }

  public void invalidate(String bucket) {
    cache.remove(bucket);
  }
}
