package io.stampede.partition.manager;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.StampId;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Meters of one partition manager peer, tagged {@code stamp} and {@code node}: whether it leads,
 * the commands it applied, and its view of the map (version, ranges, live servers, ranges
 * assigned, splits, merges, moves), and how often its Raft client had to follow a new leader.
 * Every meter reads the peer's state when scraped; {@link #close()} removes them so a restarted
 * peer registers fresh ones.
 */
public final class PartitionManagerMetrics {
  static final String PREFIX = "stampede.partition.manager.";

  /** One consistent reading of the peer's state. */
  public record Reading(long commandsApplied, long mapVersion, int ranges, int liveServers, long rangesAssigned,
      long leaderRedirects, long splits, long merges, long moves) {}

  private final MeterRegistry registry;
  private final Supplier<Reading> reading;
  private final List<Meter> meters;

  public PartitionManagerMetrics(MeterRegistry registry, StampId stamp, ManagerPeerId node, BooleanSupplier leader,
      Supplier<Reading> reading) {
    this.registry = registry;
    this.reading = reading;
    Tags tags = Tags.of("stamp", stamp.value(), "node", node.value());
    this.meters = List.of(
        Gauge.builder(PREFIX + "leader", () -> leader.getAsBoolean() ? 1 : 0).tags(tags)
            .description("1 while this peer leads the Raft group").register(registry),
        FunctionCounter.builder(PREFIX + "commands.applied", this, m -> m.reading.get().commandsApplied())
            .tags(tags).description("Raft commands applied by this peer since it started").register(registry),
        Gauge.builder(PREFIX + "map.version", () -> reading.get().mapVersion()).tags(tags)
            .description("version of the partition map at this peer").register(registry),
        Gauge.builder(PREFIX + "ranges", () -> reading.get().ranges()).tags(tags)
            .description("range partitions in the map").register(registry),
        Gauge.builder(PREFIX + "servers.live", () -> reading.get().liveServers()).tags(tags)
            .description("partition servers holding a valid lease").register(registry),
        FunctionCounter.builder(PREFIX + "assignments", this, m -> m.reading.get().rangesAssigned())
            .tags(tags).description("ranges (re)assigned to a partition server").register(registry),
        FunctionCounter.builder(PREFIX + "leader.redirects", this, m -> m.reading.get().leaderRedirects())
            .tags(tags).description("calls this peer forwarded that a new leader answered").register(registry),
        FunctionCounter.builder(PREFIX + "splits", this, m -> m.reading.get().splits())
            .tags(tags).description("range splits this peer applied since it started").register(registry),
        FunctionCounter.builder(PREFIX + "merges", this, m -> m.reading.get().merges())
            .tags(tags).description("range merges this peer applied since it started").register(registry),
        FunctionCounter.builder(PREFIX + "moves", this, m -> m.reading.get().moves())
            .tags(tags).description("range moves this peer applied since it started").register(registry));
  }

  public void close() {
    meters.forEach(registry::remove);
  }
}
