package io.stampede.frontend.lifecycle;

import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One pass over a versioned bucket's versions (ListObjectVersions: per key newest first),
 * removing for good the noncurrent versions due under NoncurrentVersionExpiration and the delete
 * markers left alone with no version behind them under ExpiredObjectDeleteMarker. What it knows
 * about the key being read (when its next newer version was written, how many noncurrent versions
 * came before, a lone marker waiting to see whether versions follow) carries across pages.
 */
final class VersionSweep {
  private final PartitionApi partitions;
  private final LifecycleSchedule schedule;
  private final LifecycleMetrics metrics;
  private final Clock clock;
  private final int pageSize;
  private final BooleanSupplier stopped;
  private final BucketLocation bucket;
  private final LifecycleConfiguration rules;
  private String key;
  private long newerModifiedMs;
  private int noncurrentSeen;
  private ObjectInfo loneMarker;

  VersionSweep(PartitionApi partitions, LifecycleSchedule schedule, LifecycleMetrics metrics, Clock clock,
      int pageSize, BooleanSupplier stopped, BucketLocation bucket, LifecycleConfiguration rules) {
    this.partitions = partitions;
    this.schedule = schedule;
    this.metrics = metrics;
    this.clock = clock;
    this.pageSize = pageSize;
    this.stopped = stopped;
    this.bucket = bucket;
    this.rules = rules;
  }

  Future<Void> run() {
    return pageAfter("", "");
  }

  private Future<Void> pageAfter(String keyMarker, String versionMarker) {
    return partitions.listObjectVersions(new ListObjectsQuery(bucket.keySpace(), "", "", keyMarker, "", pageSize,
        versionMarker)).compose(page -> {
          List<ObjectInfo> doomed = decide(page, clock.millis());
          Future<Void> done = Future.succeededFuture();
          for (ObjectInfo v : doomed) {
            done = done.compose(x -> remove(v));
          }
          List<ObjectInfo> listed = page.objects();
          return done.compose(x -> {
            if (!page.truncated() || listed.isEmpty() || stopped.getAsBoolean()) {
              return Future.succeededFuture();
            }
            ObjectInfo last = listed.get(listed.size() - 1);
            return pageAfter(last.key(), last.versionId());
          });
        });
  }

  /** The versions of this page to remove; at the listing's end, also the last key's lone marker. */
  List<ObjectInfo> decide(ListPage page, long nowMs) {
    List<ObjectInfo> doomed = new ArrayList<>();
    for (ObjectInfo v : page.objects()) {
      if (!v.key().equals(key)) {
        finishKey(doomed);
        key = v.key();
        newerModifiedMs = v.lastModifiedMs();
        noncurrentSeen = 0;
        loneMarker = v.latest() && v.deleteMarker() ? v : null;
        continue;
      }
      loneMarker = null;
      if (schedule.noncurrentExpired(rules, v, newerModifiedMs, noncurrentSeen, nowMs)) {
        doomed.add(v);
      }
      noncurrentSeen++;
      newerModifiedMs = v.lastModifiedMs();
    }
    if (!page.truncated()) {
      finishKey(doomed);
    }
    return doomed;
  }

  private void finishKey(List<ObjectInfo> doomed) {
    if (loneMarker != null && schedule.expiredDeleteMarker(rules, loneMarker)) {
      doomed.add(loneMarker);
    }
    loneMarker = null;
  }

  private Future<Void> remove(ObjectInfo version) {
    DeleteObjectRequest delete = new DeleteObjectRequest(bucket.keySpace(), version.key(), version.versionId(),
        LifecycleRunner.versioning(bucket.versioning()), Optional.empty());
    return partitions.deleteObject(delete)
        .onSuccess(r -> metrics.versionRemoved())
        .<Void>mapEmpty()
        .recover(t -> t instanceof PartitionException p
            && (p.code() == PartitionErrorCode.NO_SUCH_VERSION || p.code() == PartitionErrorCode.NO_SUCH_KEY)
            ? Future.succeededFuture() : Future.failedFuture(t));
  }
}
