package io.stampede.location.service;

import io.stampede.common.id.StampId;
import io.stampede.common.journal.Journal;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.BucketPage;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.stampede.location.api.StampSummary;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.service.journal.JournalChange;
import io.stampede.location.service.journal.LocationJournalCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service: the directory of buckets, journaled so every acknowledged change
 * survives a restart. Changes run on one worker thread, which both serializes them (two
 * concurrent CreateBuckets of one name: exactly one wins) and keeps the fsync off the event
 * loop; lookups read the directory directly and see every change whose future has completed.
 * The journal holds {@link JournalChange}s in the storage format of {@link LocationJournalCodec},
 * never RPC messages.
 */
public final class LocationService implements LocationApi {
  private static final Logger log = LoggerFactory.getLogger(LocationService.class);
  /** A page of stampBuckets stays under this many (estimated) bytes, well inside a gRPC message. */
  static final long PAGE_BYTES_MAX = 2L << 20;
  static final int PAGE_BUCKETS_MAX = 1000;

  private final String id;
  private final Clock clock;
  private final LocationMetrics metrics;
  private final WorkerExecutor worker;
  private final BucketDirectory directory = new BucketDirectory();
  private final SecureRandom random = new SecureRandom();
  private final Journal journal;
  /** Soft state: each stamp's last report, renewed every few seconds by the stamp. */
  private final Map<StampId, StampFill> fills = new ConcurrentHashMap<>();

  private record StampFill(long capacityBytes, long usedBytes, long reportedMs) {
    double fill() {
      return capacityBytes == 0 ? 0 : (double) usedBytes / capacityBytes;
    }
  }

  private LocationService(String id, Clock clock, LocationMetrics metrics, WorkerExecutor worker,
      Path journalFile) throws IOException {
    this.id = id;
    this.clock = clock;
    this.metrics = metrics;
    this.worker = worker;
    this.journal = Journal.open(id, journalFile, this::apply);
  }

  /** Opens the service on {@code dataDir}, replaying its journal off the event loop. */
  public static Future<LocationService> open(Vertx vertx, String id, Path dataDir, Clock clock,
      LocationMetrics metrics) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(id + "-journal", 1);
    return worker.<LocationService>executeBlocking(
            () -> new LocationService(id, clock, metrics, worker, dataDir.resolve("buckets.journal")))
        .onSuccess(s -> log.info("{} opened journal {}", id, s.journal.file()))
        .onFailure(t -> worker.close());
  }

  @Override
  public Future<Void> registerStamp(StampId stamp, Endpoint endpoint) {
    return serialized(() -> {
      if (!directory.stamp(stamp).equals(Optional.of(endpoint))) {
        record(new JournalChange.StampRegistered(stamp, endpoint));
        log.info("{} registered stamp {} at {}", id, stamp, endpoint);
      }
      return null;
    });
  }

  @Override
  public Future<Void> reportFill(StampId stamp, long capacityBytes, long usedBytes) {
    if (!directory.hasStamp(stamp)) {
      return Future.failedFuture(new LocationException(LocationErrorCode.NO_STAMP, "no stamp " + stamp));
    }
    if (capacityBytes < 0 || usedBytes < 0) {
      return Future.failedFuture(new LocationException(LocationErrorCode.INTERNAL,
          "negative capacity or use from " + stamp + ": " + capacityBytes + ", " + usedBytes));
    }
    if (fills.put(stamp, new StampFill(capacityBytes, usedBytes, clock.millis())) == null) {
      metrics.stampReporting(stamp, () -> fills.get(stamp).fill());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<List<StampSummary>> stamps() {
    return Future.succeededFuture(directory.stampEntries().stream().map(e -> {
      StampFill f = fills.getOrDefault(e.stamp(), new StampFill(0, 0, 0));
      return new StampSummary(e.stamp(), e.endpoint(), f.capacityBytes(), f.usedBytes(), f.reportedMs(), e.buckets());
    }).toList());
  }

  @Override
  public Future<BucketLocation> createBucket(String bucket, String owner, String region, StampId stamp) {
    return serialized(() -> {
      Optional<LocationException> refused = directory.checkCreate(bucket, owner);
      if (refused.isPresent()) {
        throw refused.get();
      }
      if (!directory.hasStamp(stamp)) {
        throw new LocationException(LocationErrorCode.NO_STAMP, "no stamp " + stamp);
      }
      long now = clock.millis();
      byte[] nonce = new byte[4];
      random.nextBytes(nonce);
      // a new id per creation: objects of an earlier bucket of this name are never this one's
      String id = Long.toString(now, 36) + HexFormat.of().formatHex(nonce);
      BucketLocation location = new BucketLocation(bucket, stamp, owner, now, region, id);
      record(new JournalChange.BucketCreated(location));
      metrics.bucketCreated();
      return location;
    });
  }

  @Override
  public Future<BucketLocation> getBucket(String bucket) {
    return directory.get(bucket)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new LocationException(LocationErrorCode.NO_SUCH_BUCKET, bucket)));
  }

  @Override
  public Future<Void> deleteBucket(String bucket, String owner) {
    return serialized(() -> {
      Optional<LocationException> refused = directory.checkOwned(bucket, owner);
      if (refused.isPresent()) {
        throw refused.get();
      }
      record(new JournalChange.BucketDeleted(bucket));
      metrics.bucketDeleted();
      return null;
    });
  }

  @Override
  public Future<List<BucketLocation>> listBuckets(String owner) {
    return Future.succeededFuture(directory.ownedBy(owner));
  }

  @Override
  public Future<BucketLocation> updateBucket(String bucket, String owner, BucketChange change) {
    return serialized(() -> {
      Optional<LocationException> refused = directory.checkOwned(bucket, owner);
      if (refused.isPresent()) {
        throw refused.get();
      }
      BucketLocation current = directory.get(bucket).orElseThrow();
      BucketLocation updated = current.withSettings(change.applyTo(current.settings()));
      record(new JournalChange.BucketUpdated(updated));
      metrics.bucketUpdated();
      return updated;
    });
  }

  @Override
  public Future<BucketPage> stampBuckets(StampId stamp, String startAfter, int maxBuckets) {
    int max = Math.max(1, Math.min(maxBuckets, PAGE_BUCKETS_MAX));
    return Future.succeededFuture(directory.onStamp(stamp, startAfter == null ? "" : startAfter, max, PAGE_BYTES_MAX));
  }

  /**
   * The endpoint (VIP) of the stamp holding {@code bucket}, from the directory as it is now (every
   * completed change included); empty for an unknown bucket. For in-process readers such as DNS.
   */
  public Optional<Endpoint> stampEndpointOf(String bucket) {
    return directory.endpointOf(bucket);
  }

  /** The directory's version: it grows with every change applied. */
  public long version() {
    return directory.version();
  }

  /** Closes the journal. */
  public Future<Void> close() {
    return worker.<Void>executeBlocking(() -> {
      journal.close();
      return null;
    }).eventually(worker::close);
  }

  private void record(JournalChange change) throws IOException {
    journal.append(LocationJournalCodec.encode(change));
    apply(change);
  }

  private void apply(byte[] payload) {
    Optional<JournalChange> change;
    try {
      change = LocationJournalCodec.decode(payload);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(id + " unreadable journal record", e);
    }
    change.ifPresentOrElse(this::apply, () -> log.warn("{} skipping journal record of an unknown kind", id));
  }

  private void apply(JournalChange change) {
    if (change instanceof JournalChange.BucketCreated c) {
      directory.put(c.bucket());
    } else if (change instanceof JournalChange.BucketUpdated u) {
      directory.put(u.bucket());
    } else if (change instanceof JournalChange.BucketDeleted d) {
      directory.remove(d.bucket());
    } else if (change instanceof JournalChange.StampRegistered s) {
      directory.putStamp(s.stamp(), s.endpoint());
    }
  }

  private <T> Future<T> serialized(Callable<T> work) {
    return worker.<T>executeBlocking(work, true).recover(t -> Future.failedFuture(
        t instanceof LocationException ? t
            : new LocationException(LocationErrorCode.INTERNAL, id + " failed: " + t, t)));
  }
}
