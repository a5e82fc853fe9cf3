package io.stampede.stream.manager;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.api.StreamManagerApi.NodeStatus;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure detection, re-replication, reconciliation of returning nodes, garbage collection. */
class ReplicaRepairTest {
  private static final StreamId LOG = StreamId.of("p1-log");
  private static final Duration GRACE = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Vertx vertx;
  private InProcessStreamLayer layer;
  private ReplicatedStreamClient client;
  private StreamWriter writer;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private void start(int racks, int perRack) throws Exception {
    layer = new InProcessStreamLayer(vertx, dir).withNodes(racks, perRack)
        .withManagerConfig(c -> c.withRepair(Duration.ofSeconds(1), 2, GRACE));
    layer.startManager();
    client = new ReplicatedStreamClient(vertx, layer.manager, layer.connector,
        StreamClientConfig.defaults().withExtentBytesTarget(200).withRetries(4, Duration.ofMillis(1)));
  }

  private List<ExtentPointer> write(int from, int to) throws Exception {
    List<ExtentPointer> pointers = new ArrayList<>();
    if (writer == null) {
      writer = await(client.claim(LOG));
    }
    for (int i = from; i < to; i++) {
      pointers.addAll(await(writer.append(List.of(block(i)))));
    }
    return pointers;
  }

  private static Buffer block(int i) {
    return Buffer.buffer("entry-" + i + "-" + "z".repeat(20 + i % 13));
  }

  private Path file(ExtentNodeInfo node, ExtentId extent) {
    return layer.extentDir(node).resolve(extent.value() + ".ext");
  }

  @Test
  void aDeadNodeIsDetectedAndItsExtentsReplicatedBackToThreeRacks() throws Exception {
    start(4, 1);
    List<ExtentPointer> pointers = write(0, 12);
    StreamInfo before = await(layer.manager.describeStream(LOG));
    ExtentNodeId dead = before.extents().get(0).primary().id();
    layer.down(dead);
    layer.tick(Duration.ofSeconds(2));
    assertEquals(0, await(layer.manager.describe()).underReplicated(), "not dead yet");

    layer.tick(Duration.ofSeconds(4));
    await().atMost(InProcessStreamLayer.timeout()).until(() -> {
      layer.tick(Duration.ofMillis(500));
      return await(layer.manager.describe()).underReplicated() == 0;
    });
    pointers.addAll(write(12, 20));

    StampStreams all = await(layer.manager.describe());
    NodeStatus deadStatus = all.nodes().stream().filter(n -> n.node().id().equals(dead)).findFirst().orElseThrow();
    assertFalse(deadStatus.alive());
    for (ExtentInfo e : all.streams().get(0).extents()) {
      assertEquals(3, e.replicas().size(), e.toString());
      assertEquals(3, e.replicas().stream().map(ExtentNodeInfo::rack).collect(Collectors.toSet()).size());
      assertFalse(e.replicas().stream().anyMatch(r -> r.id().equals(dead)), e.toString());
      if (e.sealed()) {
        byte[] first = Files.readAllBytes(file(e.replicas().get(0), e.id()));
        assertEquals(e.sealedLength() + headerBytes(e.id()), first.length);
        for (ExtentNodeInfo r : e.replicas()) {
          assertArrayEquals(first, Files.readAllBytes(file(r, e.id())), e.id() + " on " + r.id());
        }
      }
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(block(i), await(client.read(pointers.get(i))), "block " + i);
    }
    assertTrue(layer.managerMetrics.bytesCopied() > 0);
  }

  @Test
  void aReturningNodesStaleReplicasAreDeletedAfterTheGracePeriod() throws Exception {
    start(4, 1);
    write(0, 12);
    ExtentInfo first = await(layer.manager.describeStream(LOG)).extents().get(0);
    ExtentNodeInfo dead = first.primary();
    layer.down(dead.id());
    layer.tick(Duration.ofSeconds(6));
    await().atMost(InProcessStreamLayer.timeout()).until(() -> {
      layer.tick(Duration.ofMillis(500));
      return await(layer.manager.describe()).underReplicated() == 0;
    });
    assertTrue(Files.exists(file(dead, first.id())));

    layer.up(dead.id());
    layer.heartbeat(dead.id());
    assertTrue(Files.exists(file(dead, first.id())), "kept during the grace period");
    layer.tick(GRACE);
    assertFalse(Files.exists(file(dead, first.id())), "deleted: no longer a replica");
    NodeStatus back = await(layer.manager.describe()).nodes().stream()
        .filter(n -> n.node().id().equals(dead.id())).findFirst().orElseThrow();
    assertTrue(back.alive());
  }

  @Test
  void aStaleReplicaLongerThanTheSealIsTruncatedAndSealed() throws Exception {
    start(4, 1);
    long epoch = await(layer.manager.claimStream(LOG)).epoch();
    ExtentInfo e = await(layer.manager.openStream(LOG, epoch)).last();
    await(layer.node(e.primary().id()).append(e.id(), epoch, List.of(Buffer.buffer("one"), Buffer.buffer("two"))));
    ExtentNodeInfo away = e.replicas().get(2);
    layer.down(away.id());
    await(layer.manager.sealAndExtend(LOG, e.id(), 11, epoch)); // the first block only
    layer.up(away.id());
    assertEquals(22L, await(layer.node(away.id()).length(e.id())));
    layer.heartbeat(away.id());
    assertEquals(11L, await(layer.node(away.id()).length(e.id())));
    assertEquals(11L, await(layer.node(away.id()).seal(e.id(), epoch, -1)).length(), "sealed at the sealed length");
    assertArrayEquals(Files.readAllBytes(file(e.primary(), e.id())), Files.readAllBytes(file(away, e.id())));
  }

  @Test
  void anUnreferencedReplicaIsCollectedAfterTheGracePeriod() throws Exception {
    start(3, 1);
    ExtentNodeInfo n1 = layer.infos.get(0);
    ExtentId orphan = ExtentId.of("zz1");
    await(layer.node(n1.id()).createExtent(new ExtentInfo(orphan, List.of(n1), false, 0), 0));
    layer.heartbeat(n1.id());
    assertTrue(Files.exists(file(n1, orphan)), "an extent being created is not collected at once");
    layer.clock.advance(GRACE.minusSeconds(1));
    layer.heartbeat(n1.id());
    assertTrue(Files.exists(file(n1, orphan)));
    layer.clock.advance(Duration.ofSeconds(1));
    layer.heartbeat(n1.id());
    assertFalse(Files.exists(file(n1, orphan)));
    assertFalse(Files.exists(layer.extentDir(n1).resolve("zz1.replicas")));
  }

  @Test
  void aCorruptBlockIsReadFromAnotherReplicaAndTheReplicaRepaired() throws Exception {
    start(3, 2);
    List<ExtentPointer> pointers = write(0, 8);
    ExtentInfo sealed = await(layer.manager.describeStream(LOG)).extents().get(0);
    assertTrue(sealed.sealed());
    ExtentNodeInfo bad = sealed.primary();
    Path f = file(bad, sealed.id());
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length - 3] ^= 0x40; // in the last block's payload
    Files.write(f, bytes);
    ExtentPointer lastOfFirst = pointers.stream().filter(p -> p.extent().equals(sealed.id()))
        .reduce((a, b) -> b).orElseThrow();
    int index = pointers.indexOf(lastOfFirst);
    ReplicatedStreamClient fresh = new ReplicatedStreamClient(vertx, layer.manager, layer.connector,
        StreamClientConfig.defaults());
    assertEquals(block(index), await(fresh.read(lastOfFirst)));

    await().atMost(InProcessStreamLayer.timeout()).until(() -> {
      ExtentInfo now = await(layer.manager.describeStream(LOG)).extents().get(0);
      return now.replicas().size() == 3 && now.replicas().stream().noneMatch(r -> r.id().equals(bad.id()));
    });
    assertFalse(Files.exists(f), "the corrupt copy is deleted");
    assertTrue(layer.metrics(bad.id()).corruptBlockCount() >= 1);
    ExtentInfo repaired = await(layer.manager.describeStream(LOG)).extents().get(0);
    assertEquals(3, repaired.replicas().stream().map(ExtentNodeInfo::rack).collect(Collectors.toSet()).size());
    for (ExtentNodeInfo r : repaired.replicas()) {
      assertEquals(block(index), await(layer.node(r.id()).read(sealed.id(), lastOfFirst.offset(), 1))
          .blocks().get(0).data());
    }
  }

  @Test
  void newExtentsGoToTheNodesWithTheMostFreeSpace() throws Exception {
    layer = new InProcessStreamLayer(vertx, dir);
    long gib = 1L << 30;
    for (int r = 1; r <= 3; r++) {
      layer.addNode(layer.nodeConfig("small" + r, "r" + r).withCapacityBytes(gib));
      layer.addNode(layer.nodeConfig("big" + r, "r" + r).withCapacityBytes(8 * gib));
    }
    layer.startManager();
    long epoch = await(layer.manager.claimStream(LOG)).epoch();
    ExtentInfo e = await(layer.manager.openStream(LOG, epoch)).last();
    assertEquals(List.of("big1", "big2", "big3"),
        e.replicas().stream().map(r -> r.id().value()).sorted().toList());
    NodeStatus small = await(layer.manager.describe()).nodes().stream()
        .filter(n -> n.node().id().value().equals("small1")).findFirst().orElseThrow();
    assertEquals(gib, small.freeBytes());
  }

  private static long headerBytes(ExtentId id) {
    return 14 + id.value().length();
  }
}
