package io.stampede.partition.range;

import io.stampede.common.id.StreamId;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the range partitions of one partition server share: the stream layer, their settings,
 * the clock, the id generator, where streams no index entry uses any more go to be deleted, and
 * the context their callbacks and timers run on.
 */
public record RangeServices(StreamClient streams, RangePartitionConfig config, Clock clock, IdGenerator ids,
    Consumer<StreamId> reclaimer, Context context, LongSupplier leaseValidUntilMs) {
  public RangeServices {
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(reclaimer, "reclaimer");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(leaseValidUntilMs, "leaseValidUntilMs");
  }

  /** Services of a range held without a lease (tests, tools). */
  public RangeServices(StreamClient streams, RangePartitionConfig config, Clock clock, IdGenerator ids,
      Consumer<StreamId> reclaimer, Context context) {
    this(streams, config, clock, ids, reclaimer, context, () -> Long.MAX_VALUE);
  }
}
