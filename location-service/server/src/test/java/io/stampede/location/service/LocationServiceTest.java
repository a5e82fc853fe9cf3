package io.stampede.location.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
}
