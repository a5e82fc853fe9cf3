package io.stampede.stream.it;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerServer;
import io.stampede.stream.node.ExtentNodeConfig;
import io.stampede.stream.node.ExtentNodeServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The stream layer over real gRPC on loopback: 1 stream manager, 3 extent nodes in 3 racks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamLayerIT {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StreamLayerIT.class);
  private static final StampId STAMP = StampId.of("s1");
  private static final StreamId STREAM = StreamId.of("p1-blobs");

  @TempDir Path dir;
  private Vertx vertx;
  private StreamManagerServer manager;
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

  private void startAll(int managerPort) throws Exception {
    startAll(managerPort, 3, c -> c);
  }

  private void startAll(int managerPort, int racks, UnaryOperator<StreamManagerConfig> change)
      throws Exception {
    manager = new StreamManagerServer(vertx, change.apply(StreamManagerConfig.defaults(STAMP,
        Endpoint.of("127.0.0.1", managerPort), dir.resolve("s1").resolve("stream-manager"))),
        new SimpleMeterRegistry(), Clock.systemUTC());
    await(manager.start());
    for (int r = 1; r <= racks; r++) {
      nodes.add(startNode(nodeConfig(r)));
    }
    client = ReplicatedStreamClient.connect(vertx, manager.endpoint(),
        StreamClientConfig.defaults().withExtentBytesTarget(256 * 1024));
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
    if (manager != null) {
      await(manager.stop());
      manager = null;
    }
  }

  private ExtentNodeConfig nodeConfig(int r) {
    return ExtentNodeConfig.defaults(STAMP, ExtentNodeId.of("n" + r), RackId.of("r" + r),
        Endpoint.of("127.0.0.1", 0), nodeDir(r), manager.endpoint())
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
  void appendsReadsAndReplaysAcrossARestart() throws Exception {
    startAll(0);
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
    StreamInfo stream = await(manager.api().openStream(STREAM));
    assertTrue(stream.extents().size() >= 2, "rolled over: " + stream);
    for (ExtentInfo e : stream.extents()) {
      for (ExtentNodeInfo r : e.replicas()) {
        int rack = Integer.parseInt(r.rack().value().substring(1));
        assertTrue(Files.exists(nodeDir(rack).resolve("extents").resolve(e.id().value() + ".ext")),
            e.id() + " on " + r.id());
      }
    }

    int managerPort = manager.endpoint().port();
    stopAll();
    startAll(managerPort);

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
    startAll(0, 4, c -> c.withNodeTimeout(Duration.ofSeconds(1))
        .withRepair(Duration.ofMillis(200), 2, Duration.ofSeconds(1)));
    List<Buffer> written = new ArrayList<>();
    List<ExtentPointer> pointers = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(client.append(STREAM, List.of(written.get(i)))));
    }
    ExtentNodeId victim = await(manager.api().openStream(STREAM)).last().replicas().get(1).id();
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
      StampStreams s = await(manager.api().describe());
      return s.underReplicated() == 0 && s.streams().get(0).extents().stream()
          .noneMatch(e -> e.replicas().stream().anyMatch(r -> r.id().equals(victim)));
    });
    long repairedMs = (System.nanoTime() - killedAt) / 1_000_000;
    log.info("killed {}: first append after {} ms, fully re-replicated after {} ms", victim,
        firstAppendMs, repairedMs);
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), await(client.read(pointers.get(i))), "block " + i);
    }
    for (ExtentInfo e : await(manager.api().openStream(STREAM)).extents()) {
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

  private static Buffer randomBlock(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(30_000)];
    random.nextBytes(bytes);
    return Buffer.buffer(bytes);
  }
}
