package io.stampede.stream.api;

import java.util.List;

/**
 * What an extent node tells the stream manager every heartbeat interval: where it listens, how
 * many bytes it can still take, and every replica it holds.
 */
public record NodeHeartbeat(ExtentNodeInfo node, long freeBytes, List<ReplicaReport> replicas) {
  public NodeHeartbeat {
    replicas = List.copyOf(replicas);
  }
}
