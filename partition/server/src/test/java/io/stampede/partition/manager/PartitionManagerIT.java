package io.stampede.partition.manager;

import static io.stampede.partition.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.ServerReport;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.grpc.GrpcPartitionManagerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The partition manager's gRPC front at a follower: forwarded to the leader, and still answering after the leader dies. */
@Timeout(120)
class PartitionManagerIT {
  private static final StampId STAMP = StampId.of("pm-it");
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final Map<ManagerPeerId, Endpoint> raftPeers = new LinkedHashMap<>();
  private final List<PartitionManagerPeer> peers = new ArrayList<>();
  private final List<SimpleMeterRegistry> registries = new ArrayList<>();

  @AfterEach
  void tearDown() {
    peers.forEach(p -> await(p.stop()));
    await(vertx.close());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private double redirects(int peer) {
    return registries.get(peer).get(PartitionManagerMetrics.PREFIX + "leader.redirects").functionCounter().count();
  }

  @Test
  void aFollowerForwardsToTheLeaderItRemembersAndSurvivesItsDeath() throws Exception {
    for (int i = 1; i <= 3; i++) {
      raftPeers.put(ManagerPeerId.of("pm" + i), Endpoint.of("127.0.0.1", freePort()));
    }
    for (ManagerPeerId id : raftPeers.keySet()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      registries.add(registry);
      peers.add(new PartitionManagerPeer(vertx, PartitionManagerConfig.defaults(STAMP, id, raftPeers,
          Endpoint.of("127.0.0.1", 0), dir.resolve(id.value())), registry, Clock.systemUTC()));
    }
    await(Future.all(peers.stream().map(PartitionManagerPeer::start).toList()));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> peers.stream().filter(PartitionManagerPeer::isLeader).count() == 1);
    int follower = peers.get(0).isLeader() ? 1 : 0;
    GrpcPartitionManagerClient client = new GrpcPartitionManagerClient(PartitionGrpc.client(vertx),
        List.of(peers.get(follower).endpoint()), Duration.ofSeconds(10));
    PartitionServerInfo server = PartitionServerInfo.of(PartitionServerId.of("ps1"), Endpoint.of("127.0.0.1", 9));

    // The leader's timer creates the ranges; the follower forwards heartbeats and reads to the leader.
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !await(client.getPartitionMap()).entries().isEmpty());
    await(client.heartbeat(ServerReport.empty(server)));
    double afterFirst = redirects(follower);
    for (int i = 0; i < 20; i++) {
      PartitionMap map = await(client.heartbeat(ServerReport.empty(server)));
      assertTrue(map.servers().containsKey(server.id()));
      assertEquals(map.version(), await(client.getPartitionMap()).version());
    }
    assertEquals(afterFirst, redirects(follower), "the follower's client remembered the leader");
    assertTrue(registries.get(follower).get(PartitionManagerMetrics.PREFIX + "commands.applied")
        .functionCounter().count() >= 21);

    // Kill the leader: the same follower front answers again once a new leader is elected.
    PartitionManagerPeer leader = peers.stream().filter(PartitionManagerPeer::isLeader).findFirst().orElseThrow();
    long killedAt = System.nanoTime();
    await(leader.stop());
    peers.remove(leader);
    PartitionMap after = await(client.heartbeat(ServerReport.empty(server)));
    System.out.printf("PartitionManagerIT: manager leader killed; first heartbeat through the follower after %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
    assertEquals(3, after.entries().size());
    assertEquals(1, peers.stream().filter(PartitionManagerPeer::isLeader).count());
  }
}
