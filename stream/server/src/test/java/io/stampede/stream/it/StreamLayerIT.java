package io.stampede.stream.it;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerPeer;
import io.stampede.stream.node.ExtentNodeConfig;
import io.stampede.stream.node.ExtentNodeServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The stream layer over real gRPC on loopback: 3 stream manager peers (Raft), 3 or 4 extent nodes in as many racks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamLayerIT {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StreamLayerIT.class);
  private static final StampId STAMP = StampId.of("s1");
  private static final StreamId STREAM = StreamId.of("p1-blobs");

  @TempDir Path dir;
  private Vertx vertx;
  private final List<StreamManagerPeer> managers = new ArrayList<>();
  private final Map<ManagerPeerId, Endpoint> raftPeers = new LinkedHashMap<>();
  private final List<Endpoint> managerEndpoints = new ArrayList<>();
  private final List<ExtentNodeServer> nodes = new ArrayList<>();
  private ReplicatedStreamClient client;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    stopAll();
    await(vertx.close());
  }

  private void startAll() throws Exception {
    startAll(3, c -> c);
  }

  /** Starts the 3 manager peers (on the same ports every time), the nodes and a client. */
  private void startAll(int racks, UnaryOperator<StreamManagerConfig> change) throws Exception {
    if (raftPeers.isEmpty()) {
      for (int i = 1; i <= 3; i++) {
        raftPeers.put(ManagerPeerId.of("sm" + i), Endpoint.of("127.0.0.1", freePort()));
        managerEndpoints.add(Endpoint.of("127.0.0.1", freePort()));
      }
    }
    List<ManagerPeerId> ids = List.copyOf(raftPeers.keySet());
    for (int i = 0; i < 3; i++) {
      managers.add(new StreamManagerPeer(vertx, change.apply(StreamManagerConfig.defaults(STAMP,
          ids.get(i), raftPeers, managerEndpoints.get(i),
          dir.resolve("s1").resolve("stream-manager-" + (i + 1)))),
          new SimpleMeterRegistry(), Clock.systemUTC()));
    }
    await(Future.all(managers.stream().map(StreamManagerPeer::start).toList()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> managers.stream().anyMatch(StreamManagerPeer::serving));
    for (int r = 1; r <= racks; r++) {
      nodes.add(startNode(nodeConfig(r)));
    }
    client = ReplicatedStreamClient.connect(vertx, managerEndpoints,
        StreamClientConfig.defaults().withExtentBytesTarget(256 * 1024));
  }

  /** The leading peer's manager (waiting for one). */
  private StreamManagerApi manager() {
    return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> managers.stream().filter(StreamManagerPeer::serving).findFirst(),
            java.util.Optional::isPresent).orElseThrow().api();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private void stopAll() throws Exception {
    if (client != null) {
      await(client.close());
      client = null;
    }
    for (ExtentNodeServer n : nodes) {
      await(n.stop());
    }
    nodes.clear();
    await(Future.join(managers.stream().map(StreamManagerPeer::stop).toList()));
    managers.clear();
  }

  private ExtentNodeConfig nodeConfig(int r) {
    return ExtentNodeConfig.defaults(STAMP, ExtentNodeId.of("n" + r), RackId.of("r" + r),
        Endpoint.of("127.0.0.1", 0), nodeDir(r), managerEndpoints)
        .withHeartbeatInterval(Duration.ofMillis(200));
  }

  private ExtentNodeServer startNode(ExtentNodeConfig config) throws Exception {
    ExtentNodeServer node = new ExtentNodeServer(vertx, config, new SimpleMeterRegistry(), Clock.systemUTC());
    await(node.start());
    return node;
  }

  private Path nodeDir(int r) {
    return dir.resolve("s1").resolve("r" + r).resolve("n" + r);
  }

  @Test
  void appendsReadsAndReplaysAcrossARestartOfTheWholeLayer() throws Exception {
    startAll();
    Random random = new Random(5);
    List<Buffer> written = new ArrayList<>();
    List<ExtentPointer> pointers = new ArrayList<>();
    for (int batch = 0; batch < 12; batch++) {
      List<Buffer> blocks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        byte[] bytes = new byte[1 + random.nextInt(40_000)];
        random.nextBytes(bytes);
        blocks.add(Buffer.buffer(bytes));
      }
      written.addAll(blocks);
      pointers.addAll(await(client.append(STREAM, blocks)));
    }
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), await(client.read(pointers.get(i))));
    }
    StreamInfo stream = await(manager().openStream(STREAM));
    assertTrue(stream.extents().size() >= 2, "rolled over: " + stream);
    for (ExtentInfo e : stream.extents()) {
      for (ExtentNodeInfo r : e.replicas()) {
        int rack = Integer.parseInt(r.rack().value().substring(1));
        assertTrue(Files.exists(nodeDir(rack).resolve("extents").resolve(e.id().value() + ".ext")),
            e.id() + " on " + r.id());
      }
    }

    stopAll();
    startAll();

    List<StreamRecord> replayed = new ArrayList<>();
    await(client.replay(STREAM, replayed::add));
    assertEquals(pointers, replayed.stream().map(StreamRecord::pointer).toList());
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), replayed.get(i).data());
    }
    assertEquals(written.get(7), await(client.read(pointers.get(7))));
    ExtentPointer more = await(client.append(STREAM, List.of(Buffer.buffer("after restart")))).get(0);
    assertEquals(Buffer.buffer("after restart"), await(client.read(more)));
  }

  @Test
  void aKilledNodeIsReplacedAndItsStaleReplicasCollectedWhenItReturns() throws Exception {
    startAll(4, c -> c.withNodeTimeout(Duration.ofSeconds(1))
        .withRepair(Duration.ofMillis(200), 2, Duration.ofSeconds(1)));
    List<Buffer> written = new ArrayList<>();
    List<ExtentPointer> pointers = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(client.append(STREAM, List.of(written.get(i)))));
    }
    ExtentNodeId victim = await(manager().openStream(STREAM)).last().replicas().get(1).id();
    ExtentNodeServer killed = nodes.stream().filter(n -> n.id().equals(victim)).findFirst().orElseThrow();
    long killedAt = System.nanoTime();
    await(killed.kill());
    nodes.remove(killed);
    written.add(randomBlock(random));
    pointers.addAll(await(client.append(STREAM, List.of(written.get(20)))));
    long firstAppendMs = (System.nanoTime() - killedAt) / 1_000_000;
    for (int i = 21; i < 40; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(client.append(STREAM, List.of(written.get(i)))));
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
      StampStreams s = await(manager().describe());
      return s.underReplicated() == 0 && s.streams().get(0).extents().stream()
          .noneMatch(e -> e.replicas().stream().anyMatch(r -> r.id().equals(victim)));
    });
    long repairedMs = (System.nanoTime() - killedAt) / 1_000_000;
    log.info("killed {}: first append after {} ms, fully re-replicated after {} ms", victim,
        firstAppendMs, repairedMs);
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), await(client.read(pointers.get(i))), "block " + i);
    }
    for (ExtentInfo e : await(manager().openStream(STREAM)).extents()) {
      assertEquals(3, e.replicas().stream().map(ExtentNodeInfo::rack).distinct().count(), e.toString());
    }

    int r = Integer.parseInt(victim.value().substring(1));
    Path victimExtents = nodeDir(r).resolve("extents");
    assertTrue(Files.list(victimExtents).anyMatch(p -> p.toString().endsWith(".ext")));
    nodes.add(startNode(nodeConfig(r)));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
      try (var files = Files.list(victimExtents)) {
        return files.noneMatch(p -> p.toString().endsWith(".ext"));
      }
    });
  }

  @Test
  void appendsAndRolloversGoOnWhenTheManagerLeaderDies() throws Exception {
    startAll();
    Random random = new Random(17);
    List<Buffer> written = new ArrayList<>();
    List<ExtentPointer> pointers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(client.append(STREAM, List.of(written.get(i)))));
    }
    int extentsBefore = await(manager().openStream(STREAM)).extents().size();
    StreamManagerPeer leader = managers.stream().filter(StreamManagerPeer::serving).findFirst().orElseThrow();
    long killedAt = System.nanoTime();
    await(leader.kill());
    managers.remove(leader);
    written.add(randomBlock(random));
    pointers.addAll(await(client.append(STREAM, List.of(written.get(10)))));
    long firstAppendMs = (System.nanoTime() - killedAt) / 1_000_000;
    for (int i = 11; i < 60; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(client.append(STREAM, List.of(written.get(i)))));
    }
    StreamManagerApi next = manager();
    StreamManagerPeer newLeader = managers.stream().filter(StreamManagerPeer::serving).findFirst().orElseThrow();
    log.info("killed stream manager leader {}: first append after {} ms, new leader {}", leader.id(),
        firstAppendMs, newLeader.id());
    assertTrue(!newLeader.id().equals(leader.id()));
    StreamInfo stream = await(next.openStream(STREAM));
    assertTrue(stream.extents().size() > extentsBefore, "the new leader rolled extents over: " + stream);
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), await(client.read(pointers.get(i))), "block " + i);
    }
  }

  private static Buffer randomBlock(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(30_000)];
    random.nextBytes(bytes);
    return Buffer.buffer(bytes);
  }
}
