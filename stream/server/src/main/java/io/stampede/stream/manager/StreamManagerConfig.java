package io.stampede.stream.manager;

import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.raft.RaftGroupConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One stream manager peer.
 *
 * @param stamp the stamp, a metrics tag
 * @param id this peer
 * @param raftPeers every peer of the group (this one included) with the fixed address its Raft
 *     server listens on
 * @param endpoint where this peer's StreamManagerRpc front listens (port 0: any free port)
 * @param dataDir where its Raft log and snapshots live
 * @param nodeTimeout an extent node not heard from for this long is dead: it gets no new extents
 *     and its replicas are replaced. A new leader declares no node dead before it listened this long
 * @param rpcTimeout deadline of calls to extent nodes
 * @param placementSeed seeds the placement tie-break
 * @param repairInterval how often (on the leader) under-replicated extents are looked for
 * @param copiesMax replica copies in flight at once
 * @param orphanGrace how long a replica no stream lists on its node may live before it is
 *     deleted (an extent being created or copied is not collected meanwhile); the replicas of a
 *     deleted stream go this way, so reads in flight when it is deleted have this long to finish
 * @param deletedStreamRetention how long, at least, a deleted stream is remembered: opening or
 *     appending to it fails meanwhile instead of creating it anew
 * @param requestTimeout bounds a Raft command or read, retries included
 * @param closeTimeout bounds the Raft server's close
 */
public record StreamManagerConfig(
    StampId stamp,
    ManagerPeerId id,
    Map<ManagerPeerId, Endpoint> raftPeers,
    Endpoint endpoint,
    Path dataDir,
    Duration nodeTimeout,
    Duration rpcTimeout,
    long placementSeed,
    Duration repairInterval,
    int copiesMax,
    Duration orphanGrace,
    Duration deletedStreamRetention,
    Duration requestTimeout,
    Duration closeTimeout) {
  public StreamManagerConfig {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(id, "id");
    raftPeers = Map.copyOf(new TreeMap<>(raftPeers));
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(dataDir, "dataDir");
    if (!raftPeers.containsKey(id)) {
      throw new IllegalArgumentException(id + " is not among the Raft peers " + raftPeers.keySet());
    }
    for (Duration d : List.of(nodeTimeout, rpcTimeout, repairInterval, deletedStreamRetention,
        requestTimeout, closeTimeout)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }
    if (copiesMax <= 0 || orphanGrace.isNegative()) {
      throw new IllegalArgumentException("bad copiesMax or orphanGrace");
    }
  }

  /**
   * 5 s node timeout, 10 s RPC deadline, seed 7, repair every 1 s, 2 copies at once, 30 s grace,
   * deleted streams remembered 24 h, 5 s Raft requests, 5 s close timeout.
   */
  public static StreamManagerConfig defaults(StampId stamp, ManagerPeerId id,
      Map<ManagerPeerId, Endpoint> raftPeers, Endpoint endpoint, Path dataDir) {
    return new StreamManagerConfig(stamp, id, raftPeers, endpoint, dataDir, Duration.ofSeconds(5),
        Duration.ofSeconds(10), 7L, Duration.ofSeconds(1), 2, Duration.ofSeconds(30),
        Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /** The Raft group of the stamp's stream manager, as this peer sees it (group name {@code stream-manager/<stamp>}). */
  public RaftGroupConfig raftGroup() {
    return RaftGroupConfig.defaults("stream-manager/" + stamp, id, raftPeers, dataDir)
        .withTimeouts(requestTimeout, closeTimeout);
  }

  public StreamManagerConfig withNodeTimeout(Duration timeout) {
    return new StreamManagerConfig(stamp, id, raftPeers, endpoint, dataDir, timeout, rpcTimeout,
        placementSeed, repairInterval, copiesMax, orphanGrace, deletedStreamRetention, requestTimeout,
        closeTimeout);
  }

  public StreamManagerConfig withRepair(Duration interval, int copies, Duration grace) {
    return new StreamManagerConfig(stamp, id, raftPeers, endpoint, dataDir, nodeTimeout, rpcTimeout,
        placementSeed, interval, copies, grace, deletedStreamRetention, requestTimeout, closeTimeout);
  }

  public StreamManagerConfig withDeletedStreamRetention(Duration retention) {
    return new StreamManagerConfig(stamp, id, raftPeers, endpoint, dataDir, nodeTimeout, rpcTimeout,
        placementSeed, repairInterval, copiesMax, orphanGrace, retention, requestTimeout,
        closeTimeout);
  }
}
