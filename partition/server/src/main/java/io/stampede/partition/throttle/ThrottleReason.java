package io.stampede.partition.throttle;

import java.util.Locale;

/** Which limit refused a request: its range partition's or its S3 bucket's. */
public enum ThrottleReason {
  RANGE,
  BUCKET;

  /** The metric tag value: {@code range} or {@code bucket}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
