package io.stampede.raft;

import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.net.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One peer's view of a replicated manager's Raft group. {@code groupName} names the group
 * (e.g. {@code partition-manager/<stamp>}); the Raft group id is derived from it, so every peer
 * and every restart agree on it without storing it. {@code peers} holds every peer (this one
 * included) with the fixed address its Raft server listens on. Ratis keeps its log, metadata and
 * snapshots under {@code storageDir/<group id>}. A follower that hears no leader for a random time
 * in {@code [electionTimeoutMin, electionTimeoutMax]} starts an election. A client call (with its
 * retries) gives up after about {@code requestTimeout}; closing the server is abandoned after
 * {@code closeTimeout}. A snapshot is taken every {@code snapshotThreshold} applied entries, and
 * the log is purged up to it.
 */
public record RaftGroupConfig(
    String groupName,
    ManagerPeerId self,
    Map<ManagerPeerId, Endpoint> peers,
    Path storageDir,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration requestTimeout,
    Duration closeTimeout,
    long snapshotThreshold) {
  public RaftGroupConfig {
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(storageDir, "storageDir");
    peers = Map.copyOf(new TreeMap<>(peers));
    if (groupName.isBlank()) {
      throw new IllegalArgumentException("groupName is blank");
    }
    if (!peers.containsKey(self)) {
      throw new IllegalArgumentException(self + " is not among the Raft peers " + peers.keySet());
    }
    for (Duration d : List.of(electionTimeoutMin, electionTimeoutMax, requestTimeout, closeTimeout)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }
    if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw new IllegalArgumentException("electionTimeoutMax " + electionTimeoutMax
          + " must exceed electionTimeoutMin " + electionTimeoutMin);
    }
    if (snapshotThreshold < 1) {
      throw new IllegalArgumentException("snapshotThreshold < 1");
    }
  }

  /** Elections after 150-300 ms of silence (Ratis' defaults), 5 s requests, 5 s close, a snapshot every 1000 entries. */
  public static RaftGroupConfig defaults(String groupName, ManagerPeerId self, Map<ManagerPeerId, Endpoint> peers,
      Path storageDir) {
    return new RaftGroupConfig(groupName, self, peers, storageDir, Duration.ofMillis(150), Duration.ofMillis(300),
        Duration.ofSeconds(5), Duration.ofSeconds(5), 1000);
  }

  /** The Raft group id: a name-based UUID of {@code groupName}, identical on every peer. */
  public UUID groupUuid() {
    return UUID.nameUUIDFromBytes(groupName.getBytes(StandardCharsets.UTF_8));
  }

  /** This peer's Raft address. */
  public Endpoint raftEndpoint() {
    return peers.get(self);
  }

  public RaftGroupConfig withElectionTimeout(Duration min, Duration max) {
    return new RaftGroupConfig(groupName, self, peers, storageDir, min, max, requestTimeout, closeTimeout,
        snapshotThreshold);
  }

  public RaftGroupConfig withTimeouts(Duration request, Duration close) {
    return new RaftGroupConfig(groupName, self, peers, storageDir, electionTimeoutMin, electionTimeoutMax, request,
        close, snapshotThreshold);
  }

  public RaftGroupConfig withSnapshotThreshold(long entries) {
    return new RaftGroupConfig(groupName, self, peers, storageDir, electionTimeoutMin, electionTimeoutMax,
        requestTimeout, closeTimeout, entries);
  }

  /** The same group seen from another peer, with its own storage directory. */
  public RaftGroupConfig forPeer(ManagerPeerId peer, Path peerStorageDir) {
    return new RaftGroupConfig(groupName, peer, peers, peerStorageDir, electionTimeoutMin, electionTimeoutMax,
        requestTimeout, closeTimeout, snapshotThreshold);
  }
}
