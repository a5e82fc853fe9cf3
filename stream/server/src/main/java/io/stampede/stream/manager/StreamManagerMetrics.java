package io.stampede.stream.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stream manager counts (tag stamp): extents created and sealed, heartbeats, replica
 * copies (done, failed, bytes: the repair throughput); streams deleted with their extents and
 * bytes released, sealed extents dropped by their streams' owners (garbage collection), and the replicas (and their bytes) extent nodes were told to delete as orphans:
 * the space reclaimed on disk; gauges of the re-replication backlog (under-replicated extents),
 * copies in flight, and extent nodes alive and dead.
 */
public final class StreamManagerMetrics {
  private final Counter extentsCreated;
  private final Counter extentsSealed;
  private final Counter heartbeats;
  private final Counter copies;
  private final Counter copyFailures;
  private final Counter bytesCopied;
  private final Counter streamsDeleted;
  private final Counter extentsDeleted;
  private final Counter bytesReleased;
  private final Counter extentsDropped;
  private final Counter bytesDropped;
  private final Counter replicasCollected;
  private final Counter bytesCollected;
  private final AtomicInteger backlog = new AtomicInteger();
  private final AtomicInteger copiesInFlight = new AtomicInteger();
  private final AtomicInteger nodesAlive = new AtomicInteger();
  private final AtomicInteger nodesDead = new AtomicInteger();

  public StreamManagerMetrics(MeterRegistry registry, StreamManagerConfig config) {
    Tags tags = Tags.of("stamp", config.stamp().value(), "node", config.id().value());
    extentsCreated = Counter.builder("stampede.streammanager.extents")
        .tags(tags.and("operation", "create")).register(registry);
    extentsSealed = Counter.builder("stampede.streammanager.extents")
        .tags(tags.and("operation", "seal")).register(registry);
    heartbeats = Counter.builder("stampede.streammanager.heartbeats").tags(tags).register(registry);
    copies = Counter.builder("stampede.streammanager.copies")
        .tags(tags.and("operation", "done")).register(registry);
    copyFailures = Counter.builder("stampede.streammanager.copies")
        .tags(tags.and("operation", "failed")).register(registry);
    bytesCopied = Counter.builder("stampede.streammanager.copied.bytes").tags(tags).register(registry);
    streamsDeleted = Counter.builder("stampede.streammanager.streams")
        .tags(tags.and("operation", "delete")).register(registry);
    extentsDeleted = Counter.builder("stampede.streammanager.extents")
        .tags(tags.and("operation", "delete")).register(registry);
    bytesReleased = Counter.builder("stampede.streammanager.released.bytes").tags(tags)
        .description("bytes of the extents of deleted streams (one replica's worth)")
        .register(registry);
    extentsDropped = Counter.builder("stampede.streammanager.extents")
        .tags(tags.and("operation", "drop")).register(registry);
    bytesDropped = Counter.builder("stampede.streammanager.dropped.bytes").tags(tags)
        .description("bytes of the sealed extents their streams' owners dropped as garbage (one replica's worth)")
        .register(registry);
    replicasCollected = Counter.builder("stampede.streammanager.replicas")
        .tags(tags.and("operation", "collect")).register(registry);
    bytesCollected = Counter.builder("stampede.streammanager.collected.bytes").tags(tags)
        .description("bytes of the orphan replicas extent nodes were told to delete")
        .register(registry);
    Gauge.builder("stampede.streammanager.underreplicated", backlog, AtomicInteger::get)
        .tags(tags).register(registry);
    Gauge.builder("stampede.streammanager.copies.inflight", copiesInFlight, AtomicInteger::get)
        .tags(tags).register(registry);
    Gauge.builder("stampede.streammanager.nodes", nodesAlive, AtomicInteger::get)
        .tags(tags.and("state", "alive")).register(registry);
    Gauge.builder("stampede.streammanager.nodes", nodesDead, AtomicInteger::get)
        .tags(tags.and("state", "dead")).register(registry);
  }

  void extentCreated() {
    extentsCreated.increment();
  }

  void extentSealed() {
    extentsSealed.increment();
  }

  void heartbeat() {
    heartbeats.increment();
  }

  void copyStarted() {
    copiesInFlight.incrementAndGet();
  }

  void copyEnded(long bytes, boolean ok) {
    copiesInFlight.decrementAndGet();
    if (ok) {
      copies.increment();
      bytesCopied.increment(bytes);
    } else {
      copyFailures.increment();
    }
  }

  void streamDeleted(int extents, long bytes) {
    streamsDeleted.increment();
    extentsDeleted.increment(extents);
    bytesReleased.increment(bytes);
  }

  void extentsDropped(int extents, long bytes) {
    extentsDropped.increment(extents);
    bytesDropped.increment(bytes);
  }

  void replicaCollected(long bytes) {
    replicasCollected.increment();
    bytesCollected.increment(bytes);
  }

  void backlog(int underReplicated) {
    backlog.set(underReplicated);
  }

  void nodes(int alive, int dead) {
    nodesAlive.set(alive);
    nodesDead.set(dead);
  }

  public int copiesInFlight() {
    return copiesInFlight.get();
  }

  public double bytesCopied() {
    return bytesCopied.count();
  }

  public double streamsDeleted() {
    return streamsDeleted.count();
  }

  public double extentsDeleted() {
    return extentsDeleted.count();
  }

  public double bytesReleased() {
    return bytesReleased.count();
  }

  public double replicasCollected() {
    return replicasCollected.count();
  }

  public double bytesCollected() {
    return bytesCollected.count();
  }
}
