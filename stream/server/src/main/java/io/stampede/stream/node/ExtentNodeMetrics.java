package io.stampede.stream.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** What one extent node counts: appends and replicates, reads, bytes, fsyncs. */
public final class ExtentNodeMetrics {
  private final Counter appends;
  private final Counter appendBytes;
  private final Counter replicates;
  private final Counter replicateBytes;
  private final Counter reads;
  private final Counter readBytes;
  private final Counter fsyncs;

  public ExtentNodeMetrics(MeterRegistry registry, ExtentNodeConfig config) {
    Tags tags = Tags.of("stamp", config.stamp().value(), "rack", config.rack().value(),
        "node", config.id().value());
    appends = counter(registry, "stampede.extent.requests", tags.and("operation", "append"));
    replicates = counter(registry, "stampede.extent.requests", tags.and("operation", "replicate"));
    reads = counter(registry, "stampede.extent.requests", tags.and("operation", "read"));
    appendBytes = counter(registry, "stampede.extent.bytes", tags.and("operation", "append"));
    replicateBytes = counter(registry, "stampede.extent.bytes", tags.and("operation", "replicate"));
    readBytes = counter(registry, "stampede.extent.bytes", tags.and("operation", "read"));
    fsyncs = counter(registry, "stampede.extent.fsyncs", tags);
  }

  private static Counter counter(MeterRegistry registry, String name, Tags tags) {
    return Counter.builder(name).tags(tags).register(registry);
  }

  void appended(long bytes) {
    appends.increment();
    appendBytes.increment(bytes);
  }

  void replicated(long bytes) {
    replicates.increment();
    replicateBytes.increment(bytes);
  }

  void read(long bytes) {
    reads.increment();
    readBytes.increment(bytes);
  }

  void fsynced() {
    fsyncs.increment();
  }

  public double fsyncCount() {
    return fsyncs.count();
  }

  public double appendCount() {
    return appends.count();
  }
}
