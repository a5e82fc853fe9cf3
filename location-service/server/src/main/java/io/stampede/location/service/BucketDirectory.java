package io.stampede.location.service;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.BucketPage;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The global bucket namespace as plain state: buckets by name, stamps by id. Thread-safe so that
 * lookups need not queue behind the journal's fsyncs; {@link LocationService} still serializes
 * check-then-change sequences on its journal thread. Checks return the failure instead of
 * throwing so the service can journal only changes that will apply.
 */
final class BucketDirectory {
  private final NavigableMap<String, BucketLocation> buckets = new TreeMap<>();
  private final Map<StampId, Endpoint> stamps = new TreeMap<>();
  private long version;

  synchronized Optional<LocationException> checkCreate(String bucket, String owner) {
    BucketLocation existing = buckets.get(bucket);
    if (existing == null) {
      return Optional.empty();
    }
    return Optional.of(existing.owner().equals(owner)
        ? new LocationException(LocationErrorCode.BUCKET_ALREADY_OWNED_BY_YOU, bucket)
        : new LocationException(LocationErrorCode.BUCKET_ALREADY_EXISTS, bucket));
  }

  /** NO_SUCH_BUCKET or ACCESS_DENIED unless {@code owner} owns the bucket. */
  synchronized Optional<LocationException> checkOwned(String bucket, String owner) {
    BucketLocation existing = buckets.get(bucket);
    if (existing == null) {
      return Optional.of(new LocationException(LocationErrorCode.NO_SUCH_BUCKET, bucket));
    }
    if (!existing.owner().equals(owner)) {
      return Optional.of(new LocationException(LocationErrorCode.ACCESS_DENIED, bucket));
    }
    return Optional.empty();
  }

  synchronized void put(BucketLocation location) {
    buckets.put(location.bucket(), location);
    version++;
  }

  synchronized void remove(String bucket) {
    buckets.remove(bucket);
    version++;
  }

  synchronized void putStamp(StampId stamp, Endpoint endpoint) {
    stamps.put(stamp, endpoint);
    version++;
  }

  /** A registered stamp, its endpoint and how many buckets it holds. */
  record StampEntry(StampId stamp, Endpoint endpoint, int buckets) {}

  /** Every registered stamp, in id order, as of one moment. */
  synchronized List<StampEntry> stampEntries() {
    Map<StampId, Integer> counts = new TreeMap<>();
    buckets.values().forEach(b -> counts.merge(b.stamp(), 1, Integer::sum));
    return stamps.entrySet().stream()
        .map(e -> new StampEntry(e.getKey(), e.getValue(), counts.getOrDefault(e.getKey(), 0)))
        .toList();
  }

  /** How many changes the directory has taken since it was opened empty (journal replay included). */
  synchronized long version() {
    return version;
  }

  /** The endpoint (VIP) of the stamp holding {@code bucket}; empty when either is unknown. */
  synchronized Optional<Endpoint> endpointOf(String bucket) {
    BucketLocation b = buckets.get(bucket);
    return b == null ? Optional.empty() : Optional.ofNullable(stamps.get(b.stamp()));
  }

  synchronized boolean hasStamp(StampId stamp) {
    return stamps.containsKey(stamp);
  }

  synchronized Optional<Endpoint> stamp(StampId stamp) {
    return Optional.ofNullable(stamps.get(stamp));
  }

  synchronized Optional<BucketLocation> get(String bucket) {
    return Optional.ofNullable(buckets.get(bucket));
  }

  synchronized List<BucketLocation> ownedBy(String owner) {
    return buckets.values().stream().filter(b -> b.owner().equals(owner)).toList();
  }

  /**
   * The buckets of {@code stamp} after {@code startAfter}: at most {@code max}, and no more once
   * their estimated size passes {@code bytesMax} (but at least one).
   */
  synchronized BucketPage onStamp(StampId stamp, String startAfter, int max, long bytesMax) {
    List<BucketLocation> page = new ArrayList<>();
    long bytes = 0;
    for (BucketLocation b : buckets.tailMap(startAfter, false).values()) {
      if (!b.stamp().equals(stamp)) {
        continue;
      }
      if (page.size() >= max || (!page.isEmpty() && bytes + b.estimatedBytes() > bytesMax)) {
        return new BucketPage(page, true);
      }
      page.add(b);
      bytes += b.estimatedBytes();
    }
    return new BucketPage(page, false);
  }
}
