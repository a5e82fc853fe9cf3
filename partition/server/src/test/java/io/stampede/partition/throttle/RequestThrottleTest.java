package io.stampede.partition.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.PartitionId;
import io.stampede.partition.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestThrottleTest {
  private static final PartitionId P1 = PartitionId.of("p1");
  private static final PartitionId P2 = PartitionId.of("p2");

  private final ManualClock clock = ManualClock.atMillis(1_700_000_000_000L);
  private final List<ThrottleReason> refusals = new ArrayList<>();

  private RequestThrottle throttle(RateLimit bucket, RateLimit range) {
    return new RequestThrottle(RequestRateLimits.unlimited().withBucket(bucket).withRange(range), clock,
        refusals::add);
  }

  private static int admitted(RequestThrottle throttle, PartitionId range, String bucket, int tries) {
    int admitted = 0;
    for (int i = 0; i < tries; i++) {
      admitted += throttle.admit(range, bucket).isEmpty() ? 1 : 0;
    }
    return admitted;
  }

  @Test
  void aNoisyBucketIsRefusedWhileAnotherBucketOfTheSameRangeIsNot() {
    RequestThrottle throttle = throttle(RateLimit.perSecond(10), RateLimit.perSecond(50));
    assertEquals(10, admitted(throttle, P1, "noisy", 1000));
    assertEquals(990, refusals.size());
    assertEquals(List.of(ThrottleReason.BUCKET), refusals.stream().distinct().toList());
    // The noisy bucket's refused requests took none of the range's tokens.
    assertEquals(10, admitted(throttle, P1, "quiet", 10));
    assertEquals(Optional.of(ThrottleReason.BUCKET), throttle.admit(P1, "noisy"));
    clock.advanceMs(100);
    assertEquals(1, admitted(throttle, P1, "noisy", 5), "10/s refills one token in 100 ms");
  }

  @Test
  void aBusyRangeRefusesEveryBucketAndGivesTheBucketTokenBack() {
    RequestThrottle throttle = throttle(RateLimit.perSecond(5), new RateLimit(100, 8));
    for (int b = 0; b < 4; b++) {
      assertEquals(2, admitted(throttle, P1, "b" + b, 2));
    }
    assertEquals(Optional.of(ThrottleReason.RANGE), throttle.admit(P1, "b0"));
    assertEquals(List.of(ThrottleReason.RANGE), refusals);
    // b0 kept the token its refused request took: 3 left of its 5, while another range has room.
    assertEquals(3, admitted(throttle, P2, "b0", 10));
  }

  @Test
  void unlimitedMeansNoLimiterAtAll() {
    RequestThrottle throttle = throttle(RateLimit.UNLIMITED, RateLimit.UNLIMITED);
    assertEquals(100_000, admitted(throttle, P1, "b", 100_000));
    assertEquals(0, throttle.bucketsTracked());
    RequestThrottle rangeOnly = throttle(RateLimit.UNLIMITED, RateLimit.perSecond(3));
    assertEquals(3, admitted(rangeOnly, P1, "b", 10));
    assertEquals(List.of(ThrottleReason.RANGE), refusals.stream().distinct().toList());
  }

  @Test
  void bucketsNotSeenForTheIdleExpiryAreForgotten() {
    RequestThrottle throttle = new RequestThrottle(RequestRateLimits.unlimited()
        .withBucket(RateLimit.perSecond(10)).withTracking(1000, Duration.ofSeconds(5)), clock, refusals::add);
    for (int b = 0; b < 100; b++) {
      throttle.admit(P1, "b" + b);
    }
    assertEquals(100, throttle.bucketsTracked());
    clock.advance(Duration.ofSeconds(4));
    throttle.admit(P1, "b7");
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, throttle.bucketsTracked(), "only b7 was asked for within the last 5 s");
  }

  @Test
  void atMostBucketsTrackedMaxLimitersAreKept() {
    RequestThrottle throttle = new RequestThrottle(RequestRateLimits.unlimited()
        .withBucket(RateLimit.perSecond(10)).withTracking(50, Duration.ofSeconds(60)), clock, refusals::add);
    for (int b = 0; b < 10_000; b++) {
      throttle.admit(P1, "b" + b);
    }
    long tracked = throttle.bucketsTracked();
    assertTrue(tracked > 0 && tracked <= 50, "tracked " + tracked);
  }

  @Test
  void limitsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> RequestRateLimits.defaults()
        .withBucket(new RateLimit(1, 10)).withTracking(100, Duration.ofSeconds(5)));
    assertThrows(IllegalArgumentException.class, () -> RequestRateLimits.defaults().withTracking(0,
        Duration.ofSeconds(60)));
    assertEquals(RateLimit.perSecond(3500), RequestRateLimits.defaults().bucket());
    assertEquals(RateLimit.perSecond(5000), RequestRateLimits.defaults().range());
  }
}
