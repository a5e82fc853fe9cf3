package io.stampede.partition.range;

import io.stampede.common.flow.ByteBudget;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the range partitions of one partition server share: the stream layer, their settings,
 * the clock, the id generator, where streams no index entry uses any more go to be deleted, the
 * context their callbacks and timers run on, and the server's budgets of blob bytes being
 * written and read ({@link RangePartitionConfig#blobWriteBytesMax()},
 * {@link RangePartitionConfig#blobReadBytesMax()}). Who may write a range's streams is decided by
 * claims in the stream layer (each load claims them), not by the server's lease.
 */
public record RangeServices(StreamClient streams, RangePartitionConfig config, Clock clock, IdGenerator ids,
    Consumer<StreamId> reclaimer, Context context, ByteBudget blobWrites, ByteBudget blobReads) {
  public RangeServices {
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(reclaimer, "reclaimer");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(blobWrites, "blobWrites");
    Objects.requireNonNull(blobReads, "blobReads");
  }

  /** With fresh budgets of the sizes {@code config} sets: share this instance among all ranges of a server. */
  public RangeServices(StreamClient streams, RangePartitionConfig config, Clock clock, IdGenerator ids,
      Consumer<StreamId> reclaimer, Context context) {
    this(streams, config, clock, ids, reclaimer, context,
        new ByteBudget("blob writes", config.blobWriteBytesMax()),
        new ByteBudget("blob reads", config.blobReadBytesMax()));
  }
}
