package io.stampede.partition.api;

import java.util.List;
import java.util.Objects;

/**
 * A partition server's heartbeat: itself, the version of the last partition map it applied, and
 * every range partition it holds after applying it (serving, loading or still closing). A range
 * absent from a report whose {@code mapVersion} is at least the version that took the range away
 * is released: its commit log will not grow on this server again.
 */
public record ServerReport(PartitionServerInfo server, long mapVersion, List<RangeLoad> ranges) {
  public ServerReport {
    Objects.requireNonNull(server, "server");
    ranges = List.copyOf(ranges);
  }

  /** A server that holds nothing yet (its first heartbeat). */
  public static ServerReport empty(PartitionServerInfo server) {
    return new ServerReport(server, 0, List.of());
  }
}
