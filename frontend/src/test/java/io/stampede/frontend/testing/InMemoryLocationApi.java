package io.stampede.frontend.testing;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.StampSummary;
import io.stampede.location.api.BucketPage;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The location service in one map, for front-end tests. */
public final class InMemoryLocationApi implements LocationApi {
  private final ConcurrentNavigableMap<String, BucketLocation> buckets = new ConcurrentSkipListMap<>();
  private final Clock clock;

  public InMemoryLocationApi(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<Void> registerStamp(StampId stamp, Endpoint endpoint) {
    return Future.succeededFuture();
  }

  /** No stamps are registered here: reports are refused as the service refuses unknown stamps. */
  @Override
  public Future<Void> reportFill(StampId stamp, long capacityBytes, long usedBytes) {
    return Future.failedFuture(new LocationException(LocationErrorCode.NO_STAMP, "no stamp " + stamp));
  }

  @Override
  public Future<List<StampSummary>> stamps() {
    return Future.succeededFuture(List.of());
  }

  /** Creations so far: each bucket created gets the next id, as the location service gives new ones. */
  private int creations;

  @Override
  public synchronized Future<BucketLocation> createBucket(String bucket, String owner, String region, StampId stamp) {
    BucketLocation existing = buckets.get(bucket);
    if (existing != null) {
      return Future.failedFuture(new LocationException(existing.owner().equals(owner)
          ? LocationErrorCode.BUCKET_ALREADY_OWNED_BY_YOU : LocationErrorCode.BUCKET_ALREADY_EXISTS, bucket));
    }
    BucketLocation loc = new BucketLocation(bucket, stamp, owner, clock.millis(), region, "g" + ++creations);
    buckets.put(bucket, loc);
    return Future.succeededFuture(loc);
  }

  @Override
  public Future<BucketLocation> getBucket(String bucket) {
    BucketLocation loc = buckets.get(bucket);
    return loc == null
        ? Future.failedFuture(new LocationException(LocationErrorCode.NO_SUCH_BUCKET, bucket))
        : Future.succeededFuture(loc);
  }

  @Override
  public synchronized Future<Void> deleteBucket(String bucket, String owner) {
    BucketLocation loc = buckets.get(bucket);
    if (loc == null) {
      return Future.failedFuture(new LocationException(LocationErrorCode.NO_SUCH_BUCKET, bucket));
    }
    if (!loc.owner().equals(owner)) {
      return Future.failedFuture(new LocationException(LocationErrorCode.ACCESS_DENIED, bucket));
    }
    buckets.remove(bucket);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<BucketLocation>> listBuckets(String owner) {
    return Future.succeededFuture(buckets.values().stream().filter(b -> b.owner().equals(owner)).toList());
  }

  @Override
  public synchronized Future<BucketLocation> updateBucket(String bucket, String owner, BucketChange change) {
    BucketLocation loc = buckets.get(bucket);
    if (loc == null) {
      return Future.failedFuture(new LocationException(LocationErrorCode.NO_SUCH_BUCKET, bucket));
    }
    if (!loc.owner().equals(owner)) {
      return Future.failedFuture(new LocationException(LocationErrorCode.ACCESS_DENIED, bucket));
    }
    BucketLocation updated = loc.withSettings(change.applyTo(loc.settings()));
    buckets.put(bucket, updated);
    return Future.succeededFuture(updated);
  }

  @Override
  public Future<BucketPage> stampBuckets(StampId stamp, String startAfter, int maxBuckets) {
    List<BucketLocation> page = new ArrayList<>();
    for (BucketLocation b : buckets.tailMap(startAfter, false).values()) {
      if (b.stamp().equals(stamp)) {
        if (page.size() == maxBuckets) {
          return Future.succeededFuture(new BucketPage(page, true));
        }
        page.add(b);
      }
    }
    return Future.succeededFuture(new BucketPage(page, false));
  }
}
