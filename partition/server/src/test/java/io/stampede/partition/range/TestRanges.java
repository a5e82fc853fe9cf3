package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;

import io.stampede.common.id.StreamId;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The set-up range-partition tests share: small read chunks (300 bytes), checkpoints only when
 * asked (every 5,000 records), 5 s to drain, a clock that stands still, and ids from a seeded random.
 */
final class TestRanges {
  static final RangePartitionConfig CONFIG = new RangePartitionConfig(2, 300, 5000, Duration.ofSeconds(5));
  /** Time stands still in these tests. */
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

  private TestRanges() {}

  static RangeServices services(StreamClient streams, Clock clock, Random ids, Consumer<StreamId> reclaimer,
      Context context) {
    return services(streams, CONFIG, clock, ids, reclaimer, context);
  }

  static RangeServices services(StreamClient streams, RangePartitionConfig config, Clock clock, Random ids,
      Consumer<StreamId> reclaimer, Context context) {
    return new RangeServices(streams, config, clock, new IdGenerator(clock, ids), reclaimer, context);
  }

  /** Loads the range of {@code entry} and waits for it. */
  static RangePartition load(PartitionEntry entry, RangeServices services) {
    return await(RangePartition.load(entry, services));
  }
}
