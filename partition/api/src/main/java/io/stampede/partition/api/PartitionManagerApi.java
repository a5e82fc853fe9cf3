package io.stampede.partition.api;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The partition manager: owner of the partition map (replicated over Raft). Implemented by the
 * manager's peers and by their gRPC client adapter. Every future fails with
 * {@link PartitionException} (UNAVAILABLE when no peer could answer, BAD_REQUEST for an unknown
 * range or server or a key outside the range, NOT_SERVING while the range is being moved).
 */
public interface PartitionManagerApi {
  /** The current map; linearizable (sees every committed change). */
  Future<PartitionMap> getPartitionMap();

  /**
   * Registers the reporting server (or renews its lease), records the load of its ranges, and
   * returns the map, from which the server learns the ranges it must serve. A server serves a
   * range only while its lease is valid: for the lease duration after it sent its last
   * successful heartbeat.
   */
  Future<PartitionMap> heartbeat(ServerReport report);

  /**
   * Splits the range in two at {@code indexKey} (or, if empty, at the key its server last
   * reported). The two new ranges take the old one's place in the map at once, unassigned, and
   * are assigned (to the old range's server) once it released the old range.
   */
  Future<PartitionMap> split(PartitionId range, Optional<String> indexKey);

  /** Merges the range with the one right after it, the same way. */
  Future<PartitionMap> merge(PartitionId left);

  /** Moves the range to {@code server}: unassigned until its current server released it. */
  Future<PartitionMap> move(PartitionId range, PartitionServerId server);

  /**
   * Replaces every range by {@code ranges} (which must tile the key space; their servers are
   * ignored: all start unassigned): the last step of rebuilding the index from the logs, run
   * while no partition server serves.
   */
  Future<PartitionMap> replaceRanges(List<PartitionEntry> ranges);
}
