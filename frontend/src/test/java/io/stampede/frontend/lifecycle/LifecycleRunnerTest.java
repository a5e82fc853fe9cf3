package io.stampede.frontend.lifecycle;

import static io.stampede.frontend.lifecycle.Rules.abortAfter;
import static io.stampede.frontend.lifecycle.Rules.expireAfter;
import static io.stampede.frontend.lifecycle.Rules.object;
import static io.stampede.frontend.lifecycle.Rules.upload;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.StampId;
import io.stampede.location.api.BucketLocation;
import io.stampede.frontend.testing.InMemoryLocationApi;
import io.stampede.frontend.testing.UnsupportedPartitionApi;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.VersioningState;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.Versioning;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleRunnerTest {
  static final StampId STAMP = StampId.of("s1");
  static final long NOW = 100_000;
  final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  final InMemoryLocationApi locations = new InMemoryLocationApi(clock);
  final FakePartitions partitions = new FakePartitions();
  final LifecycleMetrics metrics = new LifecycleMetrics(new SimpleMeterRegistry(), "s1");
  /** Days of one second, listings of two entries: every pass pages. */
  final LifecycleRunner runner = new LifecycleRunner(null, STAMP, locations, partitions, clock,
      LifecycleRunnerConfig.defaults().withTiming(Duration.ofSeconds(1), Duration.ofSeconds(1)).withPageSize(2),
      metrics);

  /**
   * Objects and uploads of every bucket, listed in key order, with what was deleted and aborted.
   * The runner asks by key space (name~id); this fake files by name.
   */
  static final class FakePartitions extends UnsupportedPartitionApi {
    final List<ObjectInfo> objects = new ArrayList<>();
    final List<UploadInfo> uploads = new ArrayList<>();
    final List<DeleteObjectRequest> deleted = new ArrayList<>();
    final List<UploadRef> aborted = new ArrayList<>();
    /** Keys written again since they were listed: key to the ETag they have now. */
    final Map<String, String> rewritten = new HashMap<>();
    String failListingsOf = "";

    @Override
    public Future<ListPage> listObjects(ListObjectsQuery q) {
      String bucket = BucketLocation.nameOf(q.bucket());
      if (bucket.equals(failListingsOf)) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.UNAVAILABLE, "down"));
      }
      List<ObjectInfo> after = objects.stream()
          .filter(o -> o.bucket().equals(bucket) && o.key().compareTo(q.startAfter()) > 0).toList();
      List<ObjectInfo> page = after.stream().limit(q.maxKeys()).toList();
      return Future.succeededFuture(new ListPage(page, List.of(), after.size() > page.size(), ""));
    }

    @Override
    public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
      deleted.add(request);
      boolean current = objects.stream().anyMatch(o -> o.bucket().equals(BucketLocation.nameOf(request.bucket()))
          && o.key().equals(request.key())
          && request.ifMatch().equals(Optional.of(rewritten.getOrDefault(o.key(), o.etag()))));
      return current ? Future.succeededFuture(DeleteResult.NONE)
          : Future.failedFuture(new PartitionException(PartitionErrorCode.PRECONDITION_FAILED, request.key()));
    }

    @Override
    public Future<UploadPage> listUploads(ListObjectsQuery q) {
      List<UploadInfo> after = uploads.stream().filter(u -> u.bucket().equals(BucketLocation.nameOf(q.bucket()))
          && (u.key().compareTo(q.startAfter()) > 0
              || (u.key().equals(q.startAfter()) && u.uploadId().compareTo(q.versionIdMarker()) > 0))).toList();
      List<UploadInfo> page = after.stream().limit(q.maxKeys()).toList();
      return Future.succeededFuture(new UploadPage(page, List.of(), after.size() > page.size(), ""));
    }

    @Override
    public Future<Void> abortUpload(UploadRef upload) {
      aborted.add(upload);
      return Future.succeededFuture();
    }
  }

  void bucket(String name, StampId stamp, Optional<LifecycleConfiguration> rules) throws Exception {
    locations.createBucket(name, "owner", "us-east-1", stamp).await(1, TimeUnit.SECONDS);
    locations.updateBucket(name, "owner", new BucketChange.SetLifecycle(rules)).await(1, TimeUnit.SECONDS);
  }

  ObjectInfo in(String bucket, ObjectInfo o) {
    return new ObjectInfo(bucket, o.key(), o.size(), o.etag(), o.lastModifiedMs(), o.contentType(), o.headers(),
        o.userMetadata());
  }

  @Test
  void expiresDueObjectsThroughEveryPageAndLeavesTheRest() throws Exception {
    bucket("b", STAMP, Optional.of(Rules.of(expireAfter("logs", "logs/", 3))));
    for (String key : List.of("data/1", "logs/1", "logs/2", "logs/3", "logs/4", "logs/5")) {
      partitions.objects.add(object(key, key.endsWith("5") ? NOW - 2_000 : NOW - 5_000));
    }
    runner.runPass().await(5, TimeUnit.SECONDS);
    assertThat(partitions.deleted).extracting(DeleteObjectRequest::key)
        .containsExactly("logs/1", "logs/2", "logs/3", "logs/4");
    assertThat(partitions.deleted).allSatisfy(d -> {
      assertThat(d.versioning()).isEqualTo(Versioning.UNVERSIONED);
      assertThat(d.versionId()).isEmpty();
      assertThat(d.ifMatch()).contains("etag-" + d.key());
    });
    assertThat(metrics.expiredCount()).isEqualTo(4);
  }

  @Test
  void aVersionedBucketsExpiryIsADeleteInItsVersioningState() throws Exception {
    bucket("b", STAMP, Optional.of(Rules.of(expireAfter("all", "", 1))));
    locations.updateBucket("b", "owner", new BucketChange.SetVersioning(VersioningState.ENABLED)).await(1, TimeUnit.SECONDS);
    partitions.objects.add(object("k", 0));
    runner.runPass().await(5, TimeUnit.SECONDS);
    assertThat(partitions.deleted).singleElement().satisfies(d -> assertThat(d.versioning()).isEqualTo(Versioning.ENABLED));
  }

  @Test
  void anObjectRewrittenSinceTheListingIsLeftAlone() throws Exception {
    bucket("b", STAMP, Optional.of(Rules.of(expireAfter("all", "", 1))));
    partitions.objects.add(object("k", 0));
    partitions.rewritten.put("k", "newer");
    runner.runPass().await(5, TimeUnit.SECONDS);
    assertThat(partitions.deleted).singleElement().satisfies(d -> assertThat(d.ifMatch()).contains("etag-k"));
    assertThat(metrics.expiredCount()).isZero();
  }

  @Test
  void abortsDueUploadsAcrossPages() throws Exception {
    bucket("b", STAMP, Optional.of(Rules.of(abortAfter("tmp", "tmp/", 2))));
    partitions.uploads.addAll(List.of(upload("keep/a", "u1", 0), upload("tmp/a", "u1", 0), upload("tmp/a", "u2", 0),
        upload("tmp/a", "u3", NOW - 1_500), upload("tmp/b", "u1", 0)));
    runner.runPass().await(5, TimeUnit.SECONDS);
    String b = locations.getBucket("b").result().keySpace();
    assertThat(partitions.aborted).as("aborted in the bucket's key space")
        .containsExactly(new UploadRef(b, "tmp/a", "u1"), new UploadRef(b, "tmp/a", "u2"), new UploadRef(b, "tmp/b", "u1"));
    assertThat(partitions.deleted).isEmpty();
    assertThat(metrics.abortedCount()).isEqualTo(3);
  }

  @Test
  void onlyThisStampsBucketsWithRulesAreVisitedAndOneFailureSparesTheOthers() throws Exception {
    bucket("a-broken", STAMP, Optional.of(Rules.of(expireAfter("all", "", 1))));
    bucket("b-none", STAMP, Optional.empty());
    bucket("c-elsewhere", StampId.of("s2"), Optional.of(Rules.of(expireAfter("all", "", 1))));
    bucket("d-ok", STAMP, Optional.of(Rules.of(expireAfter("all", "", 1))));
    for (String b : List.of("a-broken", "b-none", "c-elsewhere", "d-ok")) {
      partitions.objects.add(in(b, object("k", 0)));
    }
    partitions.failListingsOf = "a-broken";
    runner.runPass().await(5, TimeUnit.SECONDS);
    assertThat(partitions.deleted).extracting(DeleteObjectRequest::bucket)
        .containsExactly(locations.getBucket("d-ok").result().keySpace());
  }
}
