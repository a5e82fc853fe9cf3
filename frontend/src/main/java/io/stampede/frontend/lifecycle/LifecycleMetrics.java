package io.stampede.frontend.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Metrics of a stamp's lifecycle runner. */
public final class LifecycleMetrics {
  private final Counter passes;
  private final Counter expired;
  private final Counter aborted;
  private final Counter versionsRemoved;
  private final Counter failures;

  public LifecycleMetrics(MeterRegistry registry, String stamp) {
    passes = Counter.builder("stampede_lifecycle_passes").tag("stamp", stamp).register(registry);
    expired = Counter.builder("stampede_lifecycle_objects_expired").tag("stamp", stamp).register(registry);
    aborted = Counter.builder("stampede_lifecycle_uploads_aborted").tag("stamp", stamp).register(registry);
    versionsRemoved = Counter.builder("stampede_lifecycle_versions_removed").tag("stamp", stamp).register(registry);
    failures = Counter.builder("stampede_lifecycle_failures").tag("stamp", stamp).register(registry);
  }

  void pass() {
    passes.increment();
  }

  void expired() {
    expired.increment();
  }

  void aborted() {
    aborted.increment();
  }

  void versionRemoved() {
    versionsRemoved.increment();
  }

  void failure() {
    failures.increment();
  }

  public double expiredCount() {
    return expired.count();
  }

  public double abortedCount() {
    return aborted.count();
  }

  public double versionsRemovedCount() {
    return versionsRemoved.count();
  }

  public double passCount() {
    return passes.count();
  }
}
