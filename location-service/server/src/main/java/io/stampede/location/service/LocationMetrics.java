package io.stampede.location.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Metrics of the location service. */
public final class LocationMetrics {
  private final Counter created;
  private final Counter deleted;
  private final Counter updated;

  public LocationMetrics(MeterRegistry registry, String id) {
    created = Counter.builder("stampede_location_buckets_created").tag("node", id).register(registry);
    deleted = Counter.builder("stampede_location_buckets_deleted").tag("node", id).register(registry);
    updated = Counter.builder("stampede_location_buckets_updated").tag("node", id).register(registry);
  }

  void bucketCreated() {
    created.increment();
  }

  void bucketDeleted() {
    deleted.increment();
  }

  void bucketUpdated() {
    updated.increment();
  }
}
