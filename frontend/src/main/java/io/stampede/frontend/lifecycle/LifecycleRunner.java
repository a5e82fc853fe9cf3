package io.stampede.frontend.lifecycle;

import io.stampede.common.id.StampId;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.VersioningState;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.Versioning;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the lifecycle rules of one stamp's buckets, on a Vert.x timer: every
 * {@code interval} a pass pages through the stamp's buckets and, for each bucket with enabled
 * rules, lists its objects and deletes those expired (as a DeleteObject in the bucket's versioning
 * state, so a versioned bucket gets a delete marker), sweeps a versioned bucket's noncurrent
 * versions and lone delete markers ({@link VersionSweep}), and lists its uploads and aborts those
 * due.
 * One call at a time, so a pass never floods the partition layer; a pass still running when the
 * timer fires again is not overlapped. A delete names the ETag it saw, so an object rewritten
 * since the listing is left alone. Failures are logged and counted; the next pass retries.
 */
public final class LifecycleRunner {
  private static final Logger log = LoggerFactory.getLogger(LifecycleRunner.class);

  private final Vertx vertx;
  private final String id;
  private final StampId stamp;
  private final LocationApi locations;
  private final PartitionApi partitions;
  private final Clock clock;
  private final LifecycleRunnerConfig config;
  private final LifecycleSchedule schedule;
  private final LifecycleMetrics metrics;
  private long timer = -1;
  private Future<Void> pass;
  private volatile boolean stopped;

  public LifecycleRunner(Vertx vertx, StampId stamp, LocationApi locations, PartitionApi partitions, Clock clock,
      LifecycleRunnerConfig config, LifecycleMetrics metrics) {
    this.vertx = vertx;
    this.id = "lifecycle-" + stamp;
    this.stamp = stamp;
    this.locations = locations;
    this.partitions = partitions;
    this.clock = clock;
    this.config = config;
    this.schedule = new LifecycleSchedule(config.dayLength());
    this.metrics = metrics;
  }

  /** Starts the periodic passes. */
  public void start() {
    log.info("{} applying lifecycle rules every {} (a day lasts {})", id, config.interval(), config.dayLength());
    timer = vertx.setPeriodic(config.interval().toMillis(), t -> runPass());
  }

  /** Stops starting passes; one in progress ends after its current call. */
  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Starts a pass unless one is running; the future completes when that pass is done. */
  public synchronized Future<Void> runPass() {
    if (pass == null || pass.isComplete()) {
      metrics.pass();
      pass = bucketsAfter("").onFailure(t -> {
        metrics.failure();
        log.warn("{} pass failed: {}", id, t.toString());
      });
    }
    return pass;
  }

  private Future<Void> bucketsAfter(String startAfter) {
    return locations.stampBuckets(stamp, startAfter, config.pageSize()).compose(page -> {
      Future<Void> done = forEach(page.buckets(), this::bucket);
      List<BucketLocation> buckets = page.buckets();
      return done.compose(v -> page.truncated() && !buckets.isEmpty() && !stopped
          ? bucketsAfter(buckets.get(buckets.size() - 1).bucket())
          : Future.succeededFuture());
    });
  }

  private Future<Void> bucket(BucketLocation bucket) {
    Optional<LifecycleConfiguration> rules = bucket.settings().lifecycle();
    if (rules.isEmpty() || stopped) {
      return Future.succeededFuture();
    }
    Future<Void> done = Future.succeededFuture();
    if (LifecycleSchedule.expiresObjects(rules.get())) {
      done = done.compose(v -> expireAfter(bucket, rules.get(), ""));
    }
    if (LifecycleSchedule.sweepsVersions(rules.get()) && bucket.versioning() != VersioningState.UNVERSIONED) {
      done = done.compose(v -> new VersionSweep(partitions, schedule, metrics, clock, config.pageSize(),
          () -> stopped, bucket, rules.get()).run());
    }
    if (LifecycleSchedule.abortsUploads(rules.get())) {
      done = done.compose(v -> abortAfter(bucket, rules.get(), "", ""));
    }
    return done.recover(t -> {
      metrics.failure();
      log.warn("{} bucket {} failed, retried next pass: {}", id, bucket.bucket(), t.toString());
      return Future.succeededFuture();
    });
  }

  private Future<Void> expireAfter(BucketLocation bucket, LifecycleConfiguration rules, String startAfter) {
    return partitions.listObjects(ListObjectsQuery.of(bucket.keySpace(), "", "", startAfter, config.pageSize()))
        .compose(page -> {
          long now = clock.millis();
          List<ObjectInfo> due = page.objects().stream().filter(o -> schedule.expired(rules, o, now)).toList();
          List<ObjectInfo> listed = page.objects();
          return forEach(due, o -> expire(bucket, o)).compose(v -> page.truncated() && !listed.isEmpty() && !stopped
              ? expireAfter(bucket, rules, listed.get(listed.size() - 1).key())
              : Future.succeededFuture());
        });
  }

  private Future<Void> expire(BucketLocation bucket, ObjectInfo object) {
    DeleteObjectRequest delete = new DeleteObjectRequest(bucket.keySpace(), object.key(), "",
        versioning(bucket.versioning()), Optional.of(object.etag()));
    return partitions.deleteObject(delete)
        .onSuccess(r -> {
          metrics.expired();
          log.debug("{} expired {}/{}", id, bucket.bucket(), object.key());
        })
        .<Void>mapEmpty()
        .recover(t -> ignore(t, PartitionErrorCode.PRECONDITION_FAILED, PartitionErrorCode.NO_SUCH_KEY));
  }

  private Future<Void> abortAfter(BucketLocation bucket, LifecycleConfiguration rules, String keyMarker,
      String uploadMarker) {
    return partitions.listUploads(new ListObjectsQuery(bucket.keySpace(), "", "", keyMarker, "", config.pageSize(),
            uploadMarker))
        .compose(page -> {
          long now = clock.millis();
          List<UploadInfo> due = page.uploads().stream().filter(u -> schedule.abandoned(rules, u, now)).toList();
          List<UploadInfo> listed = page.uploads();
          return forEach(due, u -> abort(bucket, u)).compose(v -> {
            if (!page.truncated() || listed.isEmpty() || stopped) {
              return Future.succeededFuture();
            }
            UploadInfo last = listed.get(listed.size() - 1);
            return abortAfter(bucket, rules, last.key(), last.uploadId());
          });
        });
  }

  private Future<Void> abort(BucketLocation bucket, UploadInfo upload) {
    return partitions.abortUpload(new UploadRef(bucket.keySpace(), upload.key(), upload.uploadId()))
        .onSuccess(v -> {
          metrics.aborted();
          log.debug("{} aborted upload {} of {}/{}", id, upload.uploadId(), bucket.bucket(), upload.key());
        })
        .recover(t -> ignore(t, PartitionErrorCode.NO_SUCH_UPLOAD));
  }

  /** Succeeds on the given codes (someone else got there first); fails otherwise. */
  private static Future<Void> ignore(Throwable t, PartitionErrorCode... codes) {
    if (t instanceof PartitionException p && List.of(codes).contains(p.code())) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(t);
  }

  /** Runs {@code action} on each item, one after the other. */
  private static <T> Future<Void> forEach(List<T> items, Function<T, Future<Void>> action) {
    Future<Void> done = Future.succeededFuture();
    for (T item : items) {
      done = done.compose(v -> action.apply(item));
    }
    return done;
  }

  static Versioning versioning(VersioningState state) {
    return switch (state) {
      case UNVERSIONED -> Versioning.UNVERSIONED;
      case ENABLED -> Versioning.ENABLED;
      case SUSPENDED -> Versioning.SUSPENDED;
    };
  }
}
