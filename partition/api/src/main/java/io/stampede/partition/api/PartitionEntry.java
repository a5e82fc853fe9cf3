package io.stampede.partition.api;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.KeyRange;
import java.util.Objects;
import java.util.Optional;

/**
 * One range partition in the partition map: its id, its key range, and the partition server
 * assigned to serve it ({@code server} is null while the range is unassigned).
 */
public record PartitionEntry(PartitionId id, KeyRange range, PartitionServerId server) {
  public PartitionEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(range, "range");
  }

  public static PartitionEntry of(PartitionId id, KeyRange range, PartitionServerId server) {
    return new PartitionEntry(id, range, server);
  }

  public Optional<PartitionServerId> owner() {
    return Optional.ofNullable(server);
  }
}
