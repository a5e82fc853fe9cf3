package io.stampede.partition.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.stampede.common.flow.ByteBudget;
import io.stampede.common.id.PartitionId;
import io.stampede.common.rpc.StampException;
import io.stampede.partition.gc.GcPass;
import io.stampede.partition.throttle.ThrottleReason;
import io.stampede.partition.range.RangePartition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Metrics of one partition server: requests and failures by operation, object bytes in and out,
 * ranges served, requests refused by a rate limit ({@code stampede.partition.throttled} by
 * {@code reason=range|bucket}), and per range served (tags stamp, server, partition) its keys,
 * bytes and requests per second, and its blob stream's sealed and live bytes at the last garbage
 * collection ({@code stampede.partition.blob.*}, tag stream); gc passes, bytes dropped and
 * rewritten ({@code stampede.partition.gc.*}); the blob bytes held and the requests waiting in
 * the server's write and read budgets ({@code stampede.partition.blob.budget.*}, tag
 * {@code direction=write|read}).
 */
public final class PartitionServerMetrics {
  private final MeterRegistry registry;
  private final Tags tags;
  private final Tags rangeTags;
  private final Map<PartitionId, List<Meter>> ranges = new ConcurrentHashMap<>();
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Counter streamsReclaimed;
  private final Counter gcPasses;
  private final Counter gcDroppedBytes;
  private final Counter gcRewrittenBytes;
  private final Counter throttledByRange;
  private final Counter throttledByBucket;
  private final Gauge rangesGauge;
  private final List<Meter> budgetGauges = new CopyOnWriteArrayList<>();

  public PartitionServerMetrics(MeterRegistry registry, PartitionServerConfig config, Supplier<Number> rangesServed) {
    this.registry = registry;
    this.tags = Tags.of("stamp", config.stamp().value(), "node", config.id().value());
    this.rangeTags = Tags.of("stamp", config.stamp().value(), "server", config.id().value());
    this.bytesIn = registry.counter("stampede.partition.bytes.in", tags);
    this.bytesOut = registry.counter("stampede.partition.bytes.out", tags);
    this.streamsReclaimed = registry.counter("stampede.partition.streams.reclaimed", tags);
    this.gcPasses = registry.counter("stampede.partition.gc.passes", tags);
    this.gcDroppedBytes = Counter.builder("stampede.partition.gc.dropped.bytes").tags(tags)
        .description("bytes of blob-stream extents garbage collection dropped (one replica's worth)").register(registry);
    this.gcRewrittenBytes = Counter.builder("stampede.partition.gc.rewritten.bytes").tags(tags)
        .description("live bytes garbage collection copied out of mostly dead extents first").register(registry);
    this.throttledByRange = registry.counter("stampede.partition.throttled",
        tags.and("reason", ThrottleReason.RANGE.tag()));
    this.throttledByBucket = registry.counter("stampede.partition.throttled",
        tags.and("reason", ThrottleReason.BUCKET.tag()));
    this.rangesGauge = Gauge.builder("stampede.partition.ranges.served", rangesServed).tags(tags).register(registry);
  }

  /** Removes the gauges (which read this server and its ranges), so a restarted server registers its own. */
  public void close() {
    registry.remove(rangesGauge);
    budgetGauges.forEach(registry::remove);
    List.copyOf(ranges.keySet()).forEach(this::rangeDropped);
  }

  /** Registers the gauges of the server's blob byte budgets. */
  public void budgets(ByteBudget writes, ByteBudget reads) {
    for (Map.Entry<String, ByteBudget> b : Map.of("write", writes, "read", reads).entrySet()) {
      Tags t = tags.and("direction", b.getKey());
      budgetGauges.add(Gauge.builder("stampede.partition.blob.budget.held.bytes", b.getValue(), ByteBudget::held)
          .description("blob bytes held in blocks being written or read").tags(t).register(registry));
      budgetGauges.add(Gauge.builder("stampede.partition.blob.budget.waiting", b.getValue(), ByteBudget::waiting)
          .description("blocks waiting for the budget").tags(t).register(registry));
    }
  }

  /** Counts one request of {@code operation} and, when it fails, its error code. */
  public <T> Future<T> record(String operation, Future<T> result) {
    registry.counter("stampede.partition.requests", tags.and("operation", operation)).increment();
    return result.onFailure(t -> registry.counter("stampede.partition.errors", tags.and("operation", operation,
        "code", t instanceof StampException se ? se.code().name() : "INTERNAL")).increment());
  }

  /** Registers the gauges of a range now served: its live keys, their bytes, its requests per second. */
  public void rangeServed(RangePartition range) {
    // First drop a former load's gauges: registering the same name and tags would return those.
    rangeDropped(range.id());
    Tags t = rangeTags.and("partition", range.id().value());
    List<Meter> meters = List.of(
        Gauge.builder("stampede.partition.range.keys", range, RangePartition::keys).tags(t).register(registry),
        Gauge.builder("stampede.partition.range.bytes", range, RangePartition::bytes).tags(t).register(registry),
        Gauge.builder("stampede.partition.range.requests.per.second", range, RangePartition::requestsPerSecond)
            .tags(t).register(registry),
        Gauge.builder("stampede.partition.blob.sealed.bytes", range, r -> r.lastGc().sealedBytesAfter())
            .description("bytes of the sealed extents of the range's blob stream, at its last gc pass")
            .tags(t.and("stream", RangePartition.blobStream(range.id()).value())).register(registry),
        Gauge.builder("stampede.partition.blob.live.bytes", range,
                r -> r.lastGc().sealedLiveBytesAfter() + r.lastGc().rewrittenBytes() + r.lastGc().openLiveBytes())
            .description("bytes of the range's blob stream its index points at, at its last gc pass")
            .tags(t.and("stream", RangePartition.blobStream(range.id()).value())).register(registry));
    ranges.put(range.id(), meters);
  }

  /** Removes the gauges of a range no longer served. */
  public void rangeDropped(PartitionId id) {
    List<Meter> meters = ranges.remove(id);
    if (meters != null) {
      meters.forEach(registry::remove);
    }
  }

  public void bytesIn(long n) {
    bytesIn.increment(n);
  }

  public void bytesOut(long n) {
    bytesOut.increment(n);
  }

  /** Counts a stream (of an aborted or removed multipart upload) handed to deletion. */
  public void streamReclaimed() {
    streamsReclaimed.increment();
  }

  /** Counts one garbage-collection pass over a range's blob stream and what it reclaimed. */
  public void gcPass(GcPass pass) {
    gcPasses.increment();
    gcDroppedBytes.increment(pass.droppedBytes());
    gcRewrittenBytes.increment(pass.rewrittenBytes());
  }

  /** Counts a request refused by its range's or its bucket's rate limit. */
  public void throttled(ThrottleReason reason) {
    (reason == ThrottleReason.RANGE ? throttledByRange : throttledByBucket).increment();
  }
}
