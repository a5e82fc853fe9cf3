package io.stampede.partition.range;

import io.stampede.common.id.StreamId;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the range partitions of one partition server share: the stream layer, their settings,
 * the clock, the id generator, where streams no index entry uses any more go to be deleted, and
 * the context their callbacks and timers run on. Who may write a range's streams is decided by
 * claims in the stream layer (each load claims them), not by the server's lease.
 */
public record RangeServices(StreamClient streams, RangePartitionConfig config, Clock clock, IdGenerator ids,
    Consumer<StreamId> reclaimer, Context context) {
  public RangeServices {
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(reclaimer, "reclaimer");
    Objects.requireNonNull(context, "context");
  }
}
