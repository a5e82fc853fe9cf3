package io.stampede.partition.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test advances it. */
public final class ManualClock extends Clock {
  private volatile Instant now;

  public ManualClock(Instant start) {
    this.now = start;
  }

  public static ManualClock atMillis(long epochMs) {
    return new ManualClock(Instant.ofEpochMilli(epochMs));
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public void advanceMs(long ms) {
    advance(Duration.ofMillis(ms));
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
