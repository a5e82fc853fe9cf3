package io.stampede.partition.api;

import io.vertx.core.Future;

/**
 * The partition manager: owner of the partition map (replicated over Raft). Implemented by the
 * manager's peers and by their gRPC client adapter. Every future fails with
 * {@link PartitionException} (UNAVAILABLE when no peer could answer).
 */
public interface PartitionManagerApi {
  /** The current map; linearizable (sees every committed change). */
  Future<PartitionMap> getPartitionMap();

  /**
   * Registers {@code server} (or renews its lease) and returns the map, from which the server
   * learns the ranges it must serve. A server serves a range only while its lease is valid: for
   * the lease duration after it sent its last successful heartbeat.
   */
  Future<PartitionMap> heartbeat(PartitionServerInfo server);
}
