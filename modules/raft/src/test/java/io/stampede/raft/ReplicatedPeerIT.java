package io.stampede.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.net.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three Ratis peers of a counter on loopback: replication, linearizable reads, leader failover, restart from disk. */
@Timeout(180)
class ReplicatedPeerIT {
  private static final long SNAPSHOT_EVERY = 10;

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final Map<ManagerPeerId, Endpoint> endpoints = new LinkedHashMap<>();
  private final Map<ManagerPeerId, ReplicatedPeer<CounterState>> peers = new LinkedHashMap<>();
  private final Map<ManagerPeerId, CounterState> states = new LinkedHashMap<>();
  private final List<LeaderChange> changes = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    peers.values().forEach(p -> await(p.stop()));
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void start(ManagerPeerId id) {
    RaftGroupConfig config = RaftGroupConfig.defaults("counter/it", id, endpoints, dir.resolve(id.value()))
        .withSnapshotThreshold(SNAPSHOT_EVERY);
    CounterState state = new CounterState();
    ReplicatedPeer<CounterState> peer = new ReplicatedPeer<>(vertx, config, state);
    peer.leaderChangeHandler(changes::add);
    peers.put(id, peer);
    states.put(id, state);
    await(peer.start());
  }

  private ReplicatedPeer<CounterState> awaitLeader() {
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> peers.values().stream().filter(ReplicatedPeer::isLeader).count() == 1);
    return peers.values().stream().filter(ReplicatedPeer::isLeader).findFirst().orElseThrow();
  }

  private void awaitEverywhere(long value) {
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> peers.values().stream().allMatch(p -> p.read(CounterState::value) == value));
  }

  private static long add(ReplicatedClient client, long delta) {
    return CounterState.decode(await(client.submit(CounterState.add(delta))));
  }

  private static long query(ReplicatedClient client) {
    return CounterState.decode(await(client.query(new byte[0])));
  }

  @Test
  void replicatesFailsOverAndRecoversFromDisk() throws Exception {
    for (int i = 1; i <= 3; i++) {
      endpoints.put(ManagerPeerId.of("c" + i), Endpoint.of("127.0.0.1", freePort()));
    }
    endpoints.keySet().forEach(this::start);
    ReplicatedPeer<CounterState> leader = awaitLeader();
    ReplicatedPeer<CounterState> follower = peers.values().stream().filter(p -> p != leader).findFirst().orElseThrow();

    // Commands submitted at a follower reach the leader and apply everywhere; replies are the counter.
    for (int i = 1; i <= 25; i++) {
      assertEquals(i, add(follower.client(), 1));
    }
    for (ReplicatedPeer<CounterState> p : peers.values()) {
      assertEquals(25, query(p.client()), "linearizable read at " + p.id() + " sees the last write");
    }
    awaitEverywhere(25);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> changes.stream().anyMatch(LeaderChange::selfLeads)
        && changes.stream().filter(c -> !c.selfLeads()).anyMatch(c -> c.leader().equals(leader.leader())));

    // The client remembers the leader: no more redirects once it found it.
    long redirects = follower.client().redirects();
    for (int i = 0; i < 10; i++) {
      add(follower.client(), 1);
    }
    assertEquals(redirects, follower.client().redirects());
    assertEquals(leader.leader(), follower.client().leaderHint());
    RaftCallException refused = assertThrows(RaftCallException.class, () -> add(follower.client(), -1));
    assertEquals(RaftCallException.Reason.REJECTED, refused.reason());
    assertEquals(35, query(follower.client()));

    // Kill the leader: a new one is elected and commands continue.
    ManagerPeerId killed = leader.id();
    long killedAt = System.nanoTime();
    Future<Void> stopping = leader.stop();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() ->
        peers.values().stream().anyMatch(p -> p != leader && p.isLeader()));
    long electedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    assertEquals(36, add(follower.client(), 1));
    long firstWriteMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    System.out.printf("ReplicatedPeerIT: leader %s killed; new leader after %d ms, first write after %d ms%n",
        killed, electedMs, firstWriteMs);
    await(stopping);
    peers.remove(killed);
    assertNotEquals(killed, awaitLeader().id());
    for (int i = 0; i < 20; i++) {
      add(follower.client(), 1);
    }

    // The killed peer comes back on its directory: its last snapshot, then the log it missed.
    start(killed);
    awaitEverywhere(56);
    boolean snapshotThenLog = peers.get(killed).read(s -> s.restores() >= 2
        || s.restores() == 1 && s.restoredValue() >= 20 && s.restoredValue() + s.appliesSinceStart() == 56);
    assertTrue(snapshotThenLog, "caught up from its snapshot plus the log it missed (or a snapshot installed by the leader)");

    // Restart the whole group on the same directories: the state is back before any new command.
    for (ManagerPeerId id : List.copyOf(peers.keySet())) {
      await(peers.remove(id).stop());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")));
    }
    endpoints.keySet().forEach(this::start);
    awaitEverywhere(56);
    assertTrue(states.values().stream().allMatch(s -> s.restores() == 1), "each peer loaded a snapshot");
    awaitLeader();
    assertEquals(57, add(peers.get(killed).client(), 1));
    assertEquals(57, query(new ArrayList<>(peers.values()).get(0).client()));
  }
}
