package io.stampede.stream.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** What the stream manager counts: extents created and sealed, node registrations. */
public final class StreamManagerMetrics {
  private final Counter extentsCreated;
  private final Counter extentsSealed;
  private final Counter registrations;

  public StreamManagerMetrics(MeterRegistry registry, StreamManagerConfig config) {
    Tags tags = Tags.of("stamp", config.stamp().value());
    extentsCreated = Counter.builder("stampede.streammanager.extents")
        .tags(tags.and("operation", "create")).register(registry);
    extentsSealed = Counter.builder("stampede.streammanager.extents")
        .tags(tags.and("operation", "seal")).register(registry);
    registrations = Counter.builder("stampede.streammanager.registrations")
        .tags(tags).register(registry);
  }

  void extentCreated() {
    extentsCreated.increment();
  }

  void extentSealed() {
    extentsSealed.increment();
  }

  void registered() {
    registrations.increment();
  }
}
