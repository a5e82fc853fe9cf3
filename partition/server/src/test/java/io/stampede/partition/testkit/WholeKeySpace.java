package io.stampede.partition.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.PartitionId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.server.PartitionServer;
import io.stampede.partition.server.PartitionServerConfig;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** A partition server given one range, the whole key space, and loaded: tests of a single server. */
public final class WholeKeySpace {
  private WholeKeySpace() {}

  public static PartitionServer served(PartitionServerConfig config, StreamClient streams, MeterRegistry registry,
      Clock clock, Context context) {
    PartitionServer server = new PartitionServer(config, streams, registry, clock, context);
    server.update(new PartitionMap(1, List.of(PartitionEntry.of(PartitionId.of("p0"), KeyRange.ALL, config.id())),
        Map.of()), Long.MAX_VALUE);
    Awaitility.await().until(() -> server.rangesServed() == 1);
    return server;
  }
}
