package io.stampede.location.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.BucketPage;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.stampede.location.api.StampSummary;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.api.bucket.BucketSettings;
import io.stampede.location.api.bucket.VersioningState;
import io.stampede.location.service.journal.LocationJournalFormatV1;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationServiceTest {
  private static final StampId STAMP = StampId.of("s1");
  private final Vertx vertx = Vertx.vertx();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private LocationService open() throws Exception {
    LocationService s = LocationService.open(vertx, "loc", dir, clock,
        new LocationMetrics(new SimpleMeterRegistry(), "loc")).await(10, TimeUnit.SECONDS);
    s.registerStamp(STAMP, Endpoint.of("127.0.0.1", 9000)).await(10, TimeUnit.SECONDS);
    return s;
  }

  private static LocationErrorCode codeOf(Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return assertInstanceOf(LocationException.class, e).code();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void bucketNamesAreGlobalAndOwned() throws Exception {
    LocationService s = open();
    BucketLocation b = s.createBucket("photos", "alice", "us-east-1", STAMP).await(10, TimeUnit.SECONDS);
    assertEquals(clock.millis(), b.createdMs());
    assertEquals(LocationErrorCode.BUCKET_ALREADY_OWNED_BY_YOU, codeOf(s.createBucket("photos", "alice", "us-east-1", STAMP)));
    assertEquals(LocationErrorCode.BUCKET_ALREADY_EXISTS, codeOf(s.createBucket("photos", "bob", "us-east-1", STAMP)));
    assertEquals(LocationErrorCode.ACCESS_DENIED, codeOf(s.deleteBucket("photos", "bob")));
    assertEquals(List.of(), s.listBuckets("bob").await(10, TimeUnit.SECONDS));
    s.deleteBucket("photos", "alice").await(10, TimeUnit.SECONDS);
    assertEquals(LocationErrorCode.NO_SUCH_BUCKET, codeOf(s.getBucket("photos")));
    assertEquals(LocationErrorCode.NO_STAMP, codeOf(s.createBucket("x-y", "bob", "us-east-1", StampId.of("nowhere"))));
    s.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void stampsReportTheirFillAndListWithTheirBuckets() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LocationService s = LocationService.open(vertx, "loc", dir, clock, new LocationMetrics(registry, "loc"))
        .await(10, TimeUnit.SECONDS);
    StampId s2 = StampId.of("s2");
    s.registerStamp(STAMP, Endpoint.of("127.0.0.100", 9000)).await(10, TimeUnit.SECONDS);
    s.registerStamp(s2, Endpoint.of("127.1.0.100", 9000)).await(10, TimeUnit.SECONDS);
    s.createBucket("one", "alice", "us-east-1", STAMP).await(10, TimeUnit.SECONDS);
    s.createBucket("two", "alice", "us-east-1", STAMP).await(10, TimeUnit.SECONDS);
    s.reportFill(STAMP, 1000, 250).await(10, TimeUnit.SECONDS);

    List<StampSummary> stamps = s.stamps().await(10, TimeUnit.SECONDS);
    assertEquals(List.of(new StampSummary(STAMP, Endpoint.of("127.0.0.100", 9000), 1000, 250, clock.millis(), 2),
        new StampSummary(s2, Endpoint.of("127.1.0.100", 9000), 0, 0, 0, 0)), stamps);
    assertEquals(0.25, stamps.get(0).fill());
    assertEquals(0.25, registry.get("stampede_location_stamp_fill").tag("reported_by", "s1").gauge().value());
    s.reportFill(STAMP, 1000, 500).await(10, TimeUnit.SECONDS);
    assertEquals(0.5, registry.get("stampede_location_stamp_fill").tag("reported_by", "s1").gauge().value());
    assertEquals(LocationErrorCode.NO_STAMP, codeOf(s.reportFill(StampId.of("nowhere"), 1, 1)));
    s.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void exactlyOneConcurrentCreateWins() throws Exception {
    LocationService s = open();
    List<Future<BucketLocation>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      attempts.add(s.createBucket("race", "user" + i, "us-east-1", STAMP));
    }
    Future.join(attempts).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertEquals(1, attempts.stream().filter(Future::succeeded).count());
    s.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void bucketsSurviveARestart() throws Exception {
    LocationService s = open();
    s.createBucket("kept", "alice", "us-east-1", STAMP).await(10, TimeUnit.SECONDS);
    s.createBucket("gone", "alice", "us-east-1", STAMP).await(10, TimeUnit.SECONDS);
    s.deleteBucket("gone", "alice").await(10, TimeUnit.SECONDS);
    s.close().await(10, TimeUnit.SECONDS);

    LocationService again = open();
    assertEquals(List.of("kept"),
        again.listBuckets("alice").await(10, TimeUnit.SECONDS).stream().map(BucketLocation::bucket).toList());
    again.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void settingsChangeOneAtATimeAndSurviveARestart() throws Exception {
    LocationService s = open();
    s.createBucket("conf", "alice", "us-east-1", STAMP).await(10, TimeUnit.SECONDS);
    assertEquals(BucketSettings.NONE, s.getBucket("conf").await(10, TimeUnit.SECONDS).settings());
    List<Future<BucketLocation>> changes = new ArrayList<>();
    changes.add(s.updateBucket("conf", "alice", new BucketChange.SetVersioning(VersioningState.ENABLED)));
    changes.add(s.updateBucket("conf", "alice", new BucketChange.SetTags(Map.of("team", "blue"))));
    Future.all(changes).await(10, TimeUnit.SECONDS);
    BucketLocation updated = s.updateBucket("conf", "alice", new BucketChange.SetVersioning(VersioningState.SUSPENDED))
        .await(10, TimeUnit.SECONDS);
    assertEquals(VersioningState.SUSPENDED, updated.versioning());
    assertEquals(Map.of("team", "blue"), updated.settings().tags());
    assertEquals(LocationErrorCode.ACCESS_DENIED,
        codeOf(s.updateBucket("conf", "bob", new BucketChange.SetTags(Map.of()))));
    assertEquals(LocationErrorCode.NO_SUCH_BUCKET,
        codeOf(s.updateBucket("nope", "alice", new BucketChange.SetTags(Map.of()))));
    s.close().await(10, TimeUnit.SECONDS);

    LocationService again = open();
    assertEquals(updated, again.getBucket("conf").await(10, TimeUnit.SECONDS));
    again.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void readsAJournalWrittenByFormatVersion1AndKeepsAppendingToIt() throws Exception {
    Files.write(dir.resolve("buckets.journal"), LocationJournalFormatV1.journalFile());
    LocationService s = LocationService.open(vertx, "loc", dir, clock,
        new LocationMetrics(new SimpleMeterRegistry(), "loc")).await(10, TimeUnit.SECONDS);
    assertFormatVersion1State(s);
    BucketLocation added = s.createBucket("added", "alice", "us-east-1", LocationJournalFormatV1.S1)
        .await(10, TimeUnit.SECONDS);
    s.close().await(10, TimeUnit.SECONDS);

    LocationService again = LocationService.open(vertx, "loc", dir, clock,
        new LocationMetrics(new SimpleMeterRegistry(), "loc")).await(10, TimeUnit.SECONDS);
    assertFormatVersion1State(again);
    assertEquals(added, again.getBucket("added").await(10, TimeUnit.SECONDS));
    again.close().await(10, TimeUnit.SECONDS);
  }

  private static void assertFormatVersion1State(LocationService s) throws Exception {
    for (BucketLocation b : LocationJournalFormatV1.finalBuckets()) {
      assertEquals(b, s.getBucket(b.bucket()).await(10, TimeUnit.SECONDS));
    }
    assertEquals(List.of(LocationJournalFormatV1.ARCHIVE_LIFECYCLE, LocationJournalFormatV1.SCRATCH_SUSPENDED),
        s.stampBuckets(LocationJournalFormatV1.S2, "", 10).await(10, TimeUnit.SECONDS).buckets());
    assertEquals(List.of("legacy", "photos"), s.stampBuckets(LocationJournalFormatV1.S1, "", 10)
        .await(10, TimeUnit.SECONDS).buckets().stream().map(BucketLocation::bucket).filter(n -> !n.equals("added"))
        .toList());
    // both stamps are registered (s1 twice, at its last endpoint), no other
    assertEquals(LocationErrorCode.NO_STAMP, codeOf(s.createBucket("x-y", "bob", "us-east-1", StampId.of("s3"))));
  }

  @Test
  void stampBucketsPageThroughOneStampsBuckets() throws Exception {
    LocationService s = open();
    StampId other = StampId.of("s2");
    s.registerStamp(other, Endpoint.of("127.0.0.1", 9001)).await(10, TimeUnit.SECONDS);
    for (String name : List.of("a1", "b1", "c1", "d1", "e1")) {
      s.createBucket(name, "alice", "us-east-1", STAMP).await(10, TimeUnit.SECONDS);
      s.createBucket(name.replace('1', '2'), "alice", "us-east-1", other).await(10, TimeUnit.SECONDS);
    }
    BucketPage first = s.stampBuckets(STAMP, "", 2).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("a1", "b1"), first.buckets().stream().map(BucketLocation::bucket).toList());
    assertEquals(true, first.truncated());
    BucketPage rest = s.stampBuckets(STAMP, "b1", 10).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("c1", "d1", "e1"), rest.buckets().stream().map(BucketLocation::bucket).toList());
    assertEquals(false, rest.truncated());
    assertEquals(List.of(), s.stampBuckets(STAMP, "e1", 10).await(10, TimeUnit.SECONDS).buckets());
    s.close().await(10, TimeUnit.SECONDS);
  }
}
