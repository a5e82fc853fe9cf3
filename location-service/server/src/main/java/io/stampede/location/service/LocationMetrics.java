package io.stampede.location.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.StampId;
import java.util.function.DoubleSupplier;

/** Metrics of the location service. */
public final class LocationMetrics {
  private final Counter created;
  private final Counter deleted;
  private final Counter updated;
  private final MeterRegistry registry;
  private final String id;

  public LocationMetrics(MeterRegistry registry, String id) {
    this.registry = registry;
    this.id = id;
    created = Counter.builder("stampede_location_buckets_created").tag("node", id).register(registry);
    deleted = Counter.builder("stampede_location_buckets_deleted").tag("node", id).register(registry);
    updated = Counter.builder("stampede_location_buckets_updated").tag("node", id).register(registry);
  }

  /** A gauge of the stamp's fill (used over capacity, 0 to 1), from its first report on. */
  void stampReporting(StampId stamp, DoubleSupplier fill) {
    Gauge.builder("stampede_location_stamp_fill", fill::getAsDouble)
        .description("a stamp's extent replica bytes over its nodes' capacity, as it last reported")
        .tag("node", id).tag("reported_by", stamp.value()).register(registry);
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
