package io.stampede.partition.api;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.KeyRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One range partition in the partition map: its id, its key range, the partition server
 * assigned to serve it ({@code server} is null while the range is unassigned), and its
 * {@code sources}: the retired ranges (split or merged away) whose final state, restricted to
 * {@code range}, is this range's initial state. Empty for the stamp's first ranges.
 */
public record PartitionEntry(PartitionId id, KeyRange range, PartitionServerId server, List<PartitionId> sources) {
  public PartitionEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(range, "range");
    sources = List.copyOf(sources);
  }

  public static PartitionEntry of(PartitionId id, KeyRange range, PartitionServerId server) {
    return new PartitionEntry(id, range, server, List.of());
  }

  public Optional<PartitionServerId> owner() {
    return Optional.ofNullable(server);
  }

  /** This entry on {@code to} (null: unassigned). */
  public PartitionEntry withServer(PartitionServerId to) {
    return new PartitionEntry(id, range, to, sources);
  }
}
