package io.stampede.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.net.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RaftGroupConfigTest {
  private static final ManagerPeerId A = ManagerPeerId.of("a");
  private static final Map<ManagerPeerId, Endpoint> PEERS = Map.of(
      A, Endpoint.of("127.0.0.1", 7001), ManagerPeerId.of("b"), Endpoint.of("127.0.0.1", 7002));

  private static RaftGroupConfig config() {
    return RaftGroupConfig.defaults("partition-manager/s1", A, PEERS, Path.of("/tmp/x"));
  }

  @Test
  void groupIdIsDerivedFromTheNameOnly() {
    RaftGroupConfig a = config();
    RaftGroupConfig b = a.forPeer(ManagerPeerId.of("b"), Path.of("/tmp/y"));
    assertEquals(a.groupUuid(), b.groupUuid());
    assertEquals(UUID.nameUUIDFromBytes("partition-manager/s1".getBytes(StandardCharsets.UTF_8)), a.groupUuid());
    assertNotEquals(a.groupUuid(),
        RaftGroupConfig.defaults("stream-manager/s1", A, PEERS, Path.of("/tmp/x")).groupUuid());
  }

  @Test
  void selfMustBeAPeer() {
    assertThrows(IllegalArgumentException.class,
        () -> RaftGroupConfig.defaults("g", ManagerPeerId.of("z"), PEERS, Path.of("/tmp/x")));
    assertEquals(Endpoint.of("127.0.0.1", 7001), config().raftEndpoint());
  }

  @Test
  void rejectsBadTimeoutsAndThresholds() {
    assertThrows(IllegalArgumentException.class,
        () -> config().withElectionTimeout(Duration.ofMillis(300), Duration.ofMillis(300)));
    assertThrows(IllegalArgumentException.class,
        () -> config().withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> config().withSnapshotThreshold(0));
    assertThrows(IllegalArgumentException.class, () -> RaftGroupConfig.defaults(" ", A, PEERS, Path.of("/tmp")));
  }

  @Test
  void withersChangeOnlyTheirField() {
    RaftGroupConfig c = config().withElectionTimeout(Duration.ofMillis(400), Duration.ofMillis(800))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)).withSnapshotThreshold(7);
    assertEquals(Duration.ofMillis(400), c.electionTimeoutMin());
    assertEquals(Duration.ofMillis(800), c.electionTimeoutMax());
    assertEquals(Duration.ofSeconds(2), c.requestTimeout());
    assertEquals(Duration.ofSeconds(3), c.closeTimeout());
    assertEquals(7, c.snapshotThreshold());
    assertEquals(config().peers(), c.peers());
  }
}
