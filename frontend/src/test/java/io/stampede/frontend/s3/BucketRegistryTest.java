package io.stampede.frontend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.id.StampId;
import io.stampede.frontend.testing.InMemoryLocationApi;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.StampSummary;
import io.stampede.location.api.BucketPage;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.location.api.bucket.VersioningState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BucketRegistryTest {
  static final StampId STAMP = StampId.of("s");

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    long ms;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(ms);
    }
  }

  /** The in-memory location service, counting lookups; while {@code hold} is set, lookups wait for it. */
  static final class CountingLocations implements LocationApi {
    final InMemoryLocationApi store;
    final AtomicInteger lookups = new AtomicInteger();
    Promise<Void> hold;

    CountingLocations(Clock clock) {
      store = new InMemoryLocationApi(clock);
    }

    @Override
    public Future<BucketLocation> getBucket(String bucket) {
      lookups.incrementAndGet();
      Future<BucketLocation> read = store.getBucket(bucket);
      return hold == null ? read : hold.future().compose(v -> read);
    }

    @Override
    public Future<Void> registerStamp(StampId stamp, Endpoint endpoint) {
      return store.registerStamp(stamp, endpoint);
    }

    @Override
    public Future<Void> reportFill(StampId stamp, long capacityBytes, long usedBytes) {
      return store.reportFill(stamp, capacityBytes, usedBytes);
    }

    @Override
    public Future<List<StampSummary>> stamps() {
      return store.stamps();
    }

    @Override
    public Future<BucketLocation> createBucket(String bucket, String owner, String region, StampId stamp) {
      return store.createBucket(bucket, owner, region, stamp);
    }

    @Override
    public Future<Void> deleteBucket(String bucket, String owner) {
      return store.deleteBucket(bucket, owner);
    }

    @Override
    public Future<List<BucketLocation>> listBuckets(String owner) {
      return store.listBuckets(owner);
    }

    @Override
    public Future<BucketLocation> updateBucket(String bucket, String owner, BucketChange change) {
      return store.updateBucket(bucket, owner, change);
    }

    @Override
    public Future<BucketPage> stampBuckets(StampId stamp, String startAfter, int maxBuckets) {
      return store.stampBuckets(stamp, startAfter, maxBuckets);
    }
  }

  final MovingClock clock = new MovingClock();
  final CountingLocations locations = new CountingLocations(clock);
  final BucketRegistry registry = new BucketRegistry(locations, clock, Duration.ofSeconds(5));

  BucketLocation lookup(String bucket) throws Exception {
    return registry.lookup(bucket).await(1, TimeUnit.SECONDS);
  }

  @Test
  void bucketsAreCachedForTheTtl() throws Exception {
    locations.createBucket("b", "o", "r", STAMP).await(1, TimeUnit.SECONDS);
    lookup("b");
    clock.ms += 4_999;
    lookup("b");
    assertThat(locations.lookups).hasValue(1);
    clock.ms += 1;
    lookup("b");
    assertThat(locations.lookups).hasValue(2);
  }

  @Test
  void thisFrontEndsChangesAreSeenAtOnce() throws Exception {
    locations.createBucket("b", "o", "r", STAMP).await(1, TimeUnit.SECONDS);
    assertThat(lookup("b").versioning()).isEqualTo(VersioningState.UNVERSIONED);
    locations.updateBucket("b", "o", new BucketChange.SetVersioning(VersioningState.ENABLED)).await(1, TimeUnit.SECONDS);
    registry.invalidate("b");
    assertThat(lookup("b").versioning()).isEqualTo(VersioningState.ENABLED);
  }

  @Test
  void aLookupThatOverlappedAChangeDoesNotCacheWhatItRead() throws Exception {
    locations.createBucket("b", "o", "r", STAMP).await(1, TimeUnit.SECONDS);
    locations.hold = Promise.promise();
    Future<BucketLocation> slow = registry.lookup("b");
    locations.updateBucket("b", "o", new BucketChange.SetTags(Map.of("k", "v"))).await(1, TimeUnit.SECONDS);
    registry.invalidate("b");
    Promise<Void> release = locations.hold;
    locations.hold = null;
    release.complete();
    slow.await(1, TimeUnit.SECONDS);
    assertThat(lookup("b").settings().tags()).containsEntry("k", "v");
  }

  @Test
  void theCacheIsBoundedByTheBytesOfItsRecords() throws Exception {
    List<LifecycleRule> rules = new ArrayList<>();
    for (int i = 0; i < LifecycleConfiguration.RULES_MAX; i++) {
      rules.add(new LifecycleRule("rule-" + i, true, LifecycleFilter.prefix("p".repeat(500) + i),
          Optional.of(LifecycleExpiration.afterDays(1)), Optional.empty(), OptionalInt.empty()));
    }
    BucketChange big = new BucketChange.SetLifecycle(Optional.of(new LifecycleConfiguration(rules)));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String name = "bucket-" + i;
      names.add(name);
      locations.createBucket(name, "o", "r", STAMP).await(1, TimeUnit.SECONDS);
      locations.updateBucket(name, "o", big).await(1, TimeUnit.SECONDS);
    }
    long recordBytes = lookup("bucket-0").estimatedBytes();
    for (String name : names) {
      lookup(name);
    }
    assertThat(names.size() * recordBytes).isGreaterThan(BucketRegistry.CACHE_BYTES_MAX);
    assertThat(registry.cachedBuckets() * recordBytes).isLessThanOrEqualTo(BucketRegistry.CACHE_BYTES_MAX);
    assertThat(registry.cachedBuckets()).isGreaterThan(0);
  }
}
