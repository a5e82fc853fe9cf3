package io.stampede.stream.it;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerPeer;
import io.stampede.stream.testing.LoopbackStreamLayer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The stream layer over real gRPC on loopback: 3 stream manager peers (Raft), 3 or 4 extent nodes in as many racks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamLayerIT {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StreamLayerIT.class);
  private static final StreamId STREAM = StreamId.of("p1-blobs");

  @TempDir Path dir;
  private Vertx vertx;
  private LoopbackStreamLayer layer;
  private ReplicatedStreamClient client;
  private StreamWriter writer;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    layer = new LoopbackStreamLayer(vertx, dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private void startAll() throws Exception {
    startAll(3, c -> c);
  }

  private void startAll(int racks, UnaryOperator<StreamManagerConfig> change) throws Exception {
    layer.start(racks, change);
    client = layer.client();
    writer = null;
  }

  /** The writer of {@link #STREAM}, claimed by the current client on first use. */
  private StreamWriter writer() throws Exception {
    if (writer == null) {
      writer = await(client.claim(STREAM));
    }
    return writer;
  }

  private void stopAll() throws Exception {
    layer.stop();
  }

  private StreamManagerApi manager() {
    return layer.manager();
  }

  private Path nodeDir(int r) {
    return layer.nodeDir(r);
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
      pointers.addAll(await(writer().append(blocks)));
    }
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), await(client.read(pointers.get(i))));
    }
    StreamInfo stream = await(manager().describeStream(STREAM));
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

    // a new owner claims the stream before it replays and appends
    StreamWriter after = writer();
    assertTrue(after.epoch() > stream.epoch(), "claimed again: " + after.epoch());
    List<StreamRecord> replayed = new ArrayList<>();
    await(client.replay(STREAM, replayed::add));
    assertEquals(pointers, replayed.stream().map(StreamRecord::pointer).toList());
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), replayed.get(i).data());
    }
    assertEquals(written.get(7), await(client.read(pointers.get(7))));
    ExtentPointer more = await(after.append(List.of(Buffer.buffer("after restart")))).get(0);
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
      pointers.addAll(await(writer().append(List.of(written.get(i)))));
    }
    ExtentNodeId victim = await(manager().describeStream(STREAM)).last().replicas().get(1).id();
    long killedAt = System.nanoTime();
    layer.killNode(victim);
    written.add(randomBlock(random));
    pointers.addAll(await(writer().append(List.of(written.get(20)))));
    long firstAppendMs = (System.nanoTime() - killedAt) / 1_000_000;
    for (int i = 21; i < 40; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(writer().append(List.of(written.get(i)))));
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
    for (ExtentInfo e : await(manager().describeStream(STREAM)).extents()) {
      assertEquals(3, e.replicas().stream().map(ExtentNodeInfo::rack).distinct().count(), e.toString());
    }

    int r = Integer.parseInt(victim.value().substring(1));
    Path victimExtents = nodeDir(r).resolve("extents");
    assertTrue(Files.list(victimExtents).anyMatch(p -> p.toString().endsWith(".ext")));
    layer.startNode(r);
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
      pointers.addAll(await(writer().append(List.of(written.get(i)))));
    }
    int extentsBefore = await(manager().describeStream(STREAM)).extents().size();
    long killedAt = System.nanoTime();
    StreamManagerPeer leader = layer.killLeader();
    written.add(randomBlock(random));
    pointers.addAll(await(writer().append(List.of(written.get(10)))));
    long firstAppendMs = (System.nanoTime() - killedAt) / 1_000_000;
    for (int i = 11; i < 60; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(writer().append(List.of(written.get(i)))));
    }
    StreamManagerApi next = manager();
    StreamManagerPeer newLeader = layer.leader();
    log.info("killed stream manager leader {}: first append after {} ms, new leader {}", leader.id(),
        firstAppendMs, newLeader.id());
    assertTrue(!newLeader.id().equals(leader.id()));
    StreamInfo stream = await(next.describeStream(STREAM));
    assertTrue(stream.extents().size() > extentsBefore, "the new leader rolled extents over: " + stream);
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), await(client.read(pointers.get(i))), "block " + i);
    }
  }

  @Test
  void aClaimByAnotherClientFencesTheEarlierWriterOverTheWire() throws Exception {
    startAll();
    Random random = new Random(23);
    List<Buffer> written = new ArrayList<>();
    List<ExtentPointer> pointers = new ArrayList<>();
    StreamWriter first = writer();
    for (int i = 0; i < 8; i++) {
      written.add(randomBlock(random));
      pointers.addAll(await(first.append(List.of(written.get(i)))));
    }
    ReplicatedStreamClient other = layer.newClient();
    try {
      StreamWriter second = await(other.claim(STREAM));
      assertTrue(second.epoch() > first.epoch());
      assertEquals(StreamErrorCode.FENCED, failureCode(first.append(List.of(randomBlock(random)))));
      ExtentInfo sealed = await(manager().describeStream(STREAM)).extents().stream()
          .filter(e -> e.id().equals(pointers.get(7).extent())).findFirst().orElseThrow();
      assertTrue(sealed.sealed(), sealed.toString());
      assertEquals(pointers.get(7).offset() + 8 + pointers.get(7).length(), sealed.sealedLength());
      assertEquals(StreamErrorCode.FENCED, failureCode(manager().openStream(STREAM, first.epoch())));
      for (int i = 8; i < 12; i++) {
        written.add(randomBlock(random));
        pointers.addAll(await(second.append(List.of(written.get(i)))));
      }
      List<StreamRecord> replayed = new ArrayList<>();
      await(other.replay(STREAM, replayed::add));
      assertEquals(pointers, replayed.stream().map(StreamRecord::pointer).toList());
      for (int i = 0; i < written.size(); i++) {
        assertEquals(written.get(i), replayed.get(i).data(), "block " + i);
      }
    } finally {
      await(other.close());
    }
  }

  private static Buffer randomBlock(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(30_000)];
    random.nextBytes(bytes);
    return Buffer.buffer(bytes);
  }
}
