package io.stampede.location.service;

import io.stampede.common.id.StampId;
import io.stampede.common.journal.Journal;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.BucketPage;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.api.grpc.LocationCodec;
import io.stampede.proto.location.LocationJournalRecord;
import io.stampede.proto.location.StampMsg;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service: the directory of buckets, journaled so every acknowledged change
 * survives a restart. Changes run on one worker thread, which both serializes them (two
 * concurrent CreateBuckets of one name: exactly one wins) and keeps the fsync off the event
 * loop; lookups read the directory directly and see every change whose future has completed.
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
        record(LocationJournalRecord.newBuilder()
            .setStampRegistered(StampMsg.newBuilder().setStampId(stamp.value()).setEndpoint(endpoint.toString()))
            .build());
        log.info("{} registered stamp {} at {}", id, stamp, endpoint);
      }
      return null;
    });
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
      record(LocationJournalRecord.newBuilder().setBucketCreated(LocationCodec.toMsg(location)).build());
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
      record(LocationJournalRecord.newBuilder().setBucketDeleted(bucket).build());
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
      record(LocationJournalRecord.newBuilder().setBucketUpdated(LocationCodec.toMsg(updated)).build());
      metrics.bucketUpdated();
      return updated;
    });
  }

  @Override
  public Future<BucketPage> stampBuckets(StampId stamp, String startAfter, int maxBuckets) {
    int max = Math.max(1, Math.min(maxBuckets, PAGE_BUCKETS_MAX));
    return Future.succeededFuture(directory.onStamp(stamp, startAfter == null ? "" : startAfter, max, PAGE_BYTES_MAX));
  }

  /** Closes the journal. */
  public Future<Void> close() {
    return worker.<Void>executeBlocking(() -> {
      journal.close();
      return null;
    }).eventually(worker::close);
  }

  private void record(LocationJournalRecord change) throws IOException {
    journal.append(change.toByteArray());
    apply(change);
  }

  private void apply(byte[] payload) {
    try {
      apply(LocationJournalRecord.parseFrom(payload));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(id + " unreadable journal record", e);
    }
  }

  private void apply(LocationJournalRecord change) {
    switch (change.getChangeCase()) {
      case BUCKET_CREATED -> directory.put(LocationCodec.fromMsg(change.getBucketCreated()));
      case BUCKET_DELETED -> directory.remove(change.getBucketDeleted());
      case BUCKET_UPDATED -> directory.put(LocationCodec.fromMsg(change.getBucketUpdated()));
      case STAMP_REGISTERED -> directory.putStamp(StampId.of(change.getStampRegistered().getStampId()),
          Endpoint.parse(change.getStampRegistered().getEndpoint()));
      default -> log.warn("{} skipping unknown journal record {}", id, change.getChangeCase());
    }
  }

  private <T> Future<T> serialized(Callable<T> work) {
    return worker.<T>executeBlocking(work, true).recover(t -> Future.failedFuture(
        t instanceof LocationException ? t
            : new LocationException(LocationErrorCode.INTERNAL, id + " failed: " + t, t)));
  }
}
