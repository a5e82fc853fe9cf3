package io.stampede.location.api;

import java.util.List;

/** One page of buckets in name order; {@code truncated} when more follow the last one. */
public record BucketPage(List<BucketLocation> buckets, boolean truncated) {
  public BucketPage {
    buckets = List.copyOf(buckets);
  }
}
