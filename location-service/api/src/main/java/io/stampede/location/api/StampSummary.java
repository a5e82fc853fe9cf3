package io.stampede.location.api;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import java.util.Objects;

/**
 * A registered stamp as the location service knows it: its VIP, its last reported capacity and
 * use, and how many buckets it holds.
 *
 * @param capacityBytes raw capacity of its extent nodes (0 until it reports)
 * @param usedBytes bytes of extent replicas on its nodes
 * @param reportedMs when it last reported (0: not since the location service started)
 */
public record StampSummary(StampId stamp, Endpoint endpoint, long capacityBytes, long usedBytes, long reportedMs,
    int buckets) {
  public StampSummary {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** Used over capacity, 0 when the capacity is unknown. */
  public double fill() {
    return capacityBytes <= 0 ? 0 : (double) usedBytes / capacityBytes;
  }
}
