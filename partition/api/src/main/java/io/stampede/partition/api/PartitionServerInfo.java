package io.stampede.partition.api;

import io.stampede.common.id.PartitionServerId;
import io.stampede.common.net.Endpoint;
import java.util.Objects;

/** A partition server and the endpoint its PartitionServerRpc listens on. */
public record PartitionServerInfo(PartitionServerId id, Endpoint endpoint) {
  public PartitionServerInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  public static PartitionServerInfo of(PartitionServerId id, Endpoint endpoint) {
    return new PartitionServerInfo(id, endpoint);
  }
}
