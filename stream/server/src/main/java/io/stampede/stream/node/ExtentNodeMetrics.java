package io.stampede.stream.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What one extent node counts (tags stamp, rack, node, operation): appends and replicates, reads,
 * copies and their bytes; seals, fsyncs, corrupt blocks found and bytes scrubbed; how long a
 * replica's durable write of a batch takes, its fsync included.
 */
public final class ExtentNodeMetrics {
  private static final String REQUESTS = "stampede.extent.requests";
  private static final String BYTES = "stampede.extent.bytes";

  private final Counter appends;
  private final Counter appendBytes;
  private final Counter replicates;
  private final Counter replicateBytes;
  private final Counter reads;
  private final Counter readBytes;
  private final Counter copies;
  private final Counter copyBytes;
  private final Counter seals;
  private final Counter fsyncs;
  private final Counter corruptBlocks;
  private final Counter scrubbedBytes;
  private final Timer writes;

  public ExtentNodeMetrics(MeterRegistry registry, ExtentNodeConfig config) {
    Tags tags = Tags.of("stamp", config.stamp().value(), "rack", config.rack().value(),
        "node", config.id().value());
    appends = counter(registry, REQUESTS, tags.and("operation", "append"));
    replicates = counter(registry, REQUESTS, tags.and("operation", "replicate"));
    reads = counter(registry, REQUESTS, tags.and("operation", "read"));
    copies = counter(registry, REQUESTS, tags.and("operation", "copy"));
    seals = counter(registry, REQUESTS, tags.and("operation", "seal"));
    appendBytes = counter(registry, BYTES, tags.and("operation", "append"));
    replicateBytes = counter(registry, BYTES, tags.and("operation", "replicate"));
    readBytes = counter(registry, BYTES, tags.and("operation", "read"));
    copyBytes = counter(registry, BYTES, tags.and("operation", "copy"));
    scrubbedBytes = counter(registry, BYTES, tags.and("operation", "scrub"));
    fsyncs = counter(registry, "stampede.extent.fsyncs", tags);
    corruptBlocks = counter(registry, "stampede.extent.corrupt.blocks", tags);
    writes = Timer.builder("stampede.extent.write")
        .description("a replica's write of one batch of blocks to its file, fsync included")
        .tags(tags).register(registry);
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

  void copied(long bytes) {
    copies.increment();
    copyBytes.increment(bytes);
  }

  void sealed() {
    seals.increment();
  }

  void fsynced() {
    fsyncs.increment();
  }

  void wrote(long nanos) {
    writes.record(nanos, TimeUnit.NANOSECONDS);
  }

  void corruptBlockFound() {
    corruptBlocks.increment();
  }

  void scrubbed(long bytes) {
    scrubbedBytes.increment(bytes);
  }

  public double fsyncCount() {
    return fsyncs.count();
  }

  public double appendCount() {
    return appends.count();
  }

  public double corruptBlockCount() {
    return corruptBlocks.count();
  }

  public double scrubbedBytes() {
    return scrubbedBytes.count();
  }
}
