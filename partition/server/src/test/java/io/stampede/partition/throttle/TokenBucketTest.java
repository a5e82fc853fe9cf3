package io.stampede.partition.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.partition.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final ManualClock clock = ManualClock.atMillis(1_700_000_000_000L);

  private static int drain(TokenBucket bucket) {
    int taken = 0;
    while (bucket.tryTake()) {
      taken++;
    }
    return taken;
  }

  @Test
  void startsFullWithTheBurstThenRefillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(new RateLimit(100, 20), clock);
    assertEquals(20, drain(bucket));
    assertFalse(bucket.tryTake());
    clock.advanceMs(9);
    assertFalse(bucket.tryTake(), "0.9 token after 9 ms at 100/s");
    clock.advanceMs(1);
    assertTrue(bucket.tryTake());
    assertFalse(bucket.tryTake());
    clock.advanceMs(50);
    assertEquals(5, drain(bucket));
  }

  @Test
  void keepsFractionsOfTokensAcrossMilliseconds() {
    TokenBucket bucket = new TokenBucket(new RateLimit(3, 2), clock);
    assertTrue(bucket.tryTake());
    assertTrue(bucket.tryTake());
    int admitted = 0;
    for (int ms = 0; ms < 10_000; ms++) {
      clock.advanceMs(1);
      admitted += bucket.tryTake() ? 1 : 0;
    }
    assertEquals(30, admitted, "3/s for 10 s, polled every millisecond");
  }

  @Test
  void neverHoldsMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(new RateLimit(1000, 5), clock);
    clock.advanceMs(60_000);
    assertEquals(5, bucket.available());
    assertEquals(5, drain(bucket));
    bucket.giveBack();
    assertEquals(1, bucket.available());
    for (int i = 0; i < 10; i++) {
      bucket.giveBack();
    }
    assertEquals(5, bucket.available(), "given-back tokens are capped at the burst too");
  }

  @Test
  void aClockGoingBackwardsAddsNothing() {
    TokenBucket bucket = new TokenBucket(new RateLimit(1000, 1), clock);
    assertTrue(bucket.tryTake());
    clock.advanceMs(-5_000);
    assertFalse(bucket.tryTake());
    clock.advanceMs(5_000);
    assertFalse(bucket.tryTake(), "back where it was: still no time has passed");
    clock.advanceMs(1);
    assertTrue(bucket.tryTake());
  }

  @Test
  void anUnlimitedRateHasNoBucket() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(RateLimit.UNLIMITED, clock));
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(10, 0));
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(-1, 1));
    assertEquals(new RateLimit(7, 7), RateLimit.perSecond(7));
    assertTrue(RateLimit.perSecond(0).unlimited());
  }
}
