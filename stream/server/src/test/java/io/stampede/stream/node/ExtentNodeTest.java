package io.stampede.stream.node;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.SealResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtentNodeTest {
  private static final ExtentId E = ExtentId.of("e1");
  private static final long EPOCH = 3;

  @TempDir Path dir;
  private Vertx vertx;
  private InProcessStreamLayer layer;
  private ExtentInfo extent;
  private ExtentNode primary;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new InProcessStreamLayer(vertx, dir).withNodes(3, 1);
    extent = new ExtentInfo(E, layer.infos, false, 0);
    for (ExtentNodeInfo r : layer.infos) {
      await(layer.node(r.id()).createExtent(extent, EPOCH));
      await(layer.node(r.id()).createExtent(extent, EPOCH));
    }
    primary = layer.node(extent.primary().id());
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private static List<Buffer> blocks(String... s) {
    return Arrays.stream(s).map(Buffer::buffer).toList();
  }

  private byte[] replicaBytes(ExtentNodeInfo r) throws Exception {
    return Files.readAllBytes(dir.resolve(r.rack().value()).resolve(r.id().value())
        .resolve("extents").resolve("e1.ext"));
  }

  @Test
  void appendAssignsOffsetsAndReachesEveryReplica() throws Exception {
    assertEquals(new AppendResult(List.of(0L, 13L), 22), await(primary.append(E, EPOCH, blocks("hello", "x"))));
    assertEquals(new AppendResult(List.of(22L), 30), await(primary.append(E, EPOCH, blocks(""))));
    byte[] first = replicaBytes(layer.infos.get(0));
    for (ExtentNodeInfo r : layer.infos) {
      assertEquals(30L, await(layer.node(r.id()).length(E)));
      assertArrayEquals(first, replicaBytes(r));
      assertEquals("hello", await(layer.node(r.id()).read(E, 0, 1)).blocks().get(0).data().toString());
    }
  }

  @Test
  void replicateIsIdempotentAndRefusesGaps() throws Exception {
    ExtentNode secondary = layer.node(layer.infos.get(1).id());
    await(primary.append(E, EPOCH, blocks("one", "two")));
    assertEquals(new AppendResult(List.of(0L, 11L), 22), await(secondary.replicate(E, EPOCH, 0, blocks("one", "two"))));
    assertEquals(new AppendResult(List.of(11L, 22L), 33), await(secondary.replicate(E, EPOCH, 11, blocks("two", "six"))));
    assertEquals(StreamErrorCode.OFFSET_MISMATCH, failureCode(secondary.replicate(E, EPOCH, 40, blocks("x"))));
    assertEquals(StreamErrorCode.OFFSET_MISMATCH, failureCode(secondary.replicate(E, EPOCH, 0, blocks("uno"))));
    // the secondary is now ahead of the primary: the primary's next batch disagrees and fails
    assertEquals(StreamErrorCode.OFFSET_MISMATCH, failureCode(primary.append(E, EPOCH, blocks("ten"))));
  }

  @Test
  void onlyThePrimaryAcceptsAppendsAndBlocksAreBounded() throws Exception {
    ExtentNode secondary = layer.node(layer.infos.get(2).id());
    assertEquals(StreamErrorCode.NOT_FOUND, failureCode(secondary.append(E, EPOCH, blocks("x"))));
    assertEquals(StreamErrorCode.NOT_FOUND, failureCode(primary.append(ExtentId.of("e9"), EPOCH, blocks("x"))));
    Buffer big = Buffer.buffer(new byte[ExtentNodeConfig.MIB + 1]);
    assertEquals(StreamErrorCode.TOO_LARGE, failureCode(primary.append(E, EPOCH, List.of(big))));
    assertEquals(StreamErrorCode.TOO_LARGE, failureCode(secondary.replicate(E, EPOCH, 0, List.of(big))));
  }

  @Test
  void concurrentAppendsAreGroupCommittedInCallOrder() throws Exception {
    ExtentNodeMetrics metrics = primaryMetrics();
    List<Future<AppendResult>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      results.add(primary.append(E, EPOCH, blocks(String.format("block-%03d", i))));
    }
    long expected = 0;
    for (Future<AppendResult> f : results) {
      assertEquals(List.of(expected), await(f).offsets());
      expected += 8 + 9;
    }
    for (ExtentNodeInfo r : layer.infos) {
      assertEquals(expected, await(layer.node(r.id()).length(E)));
    }
    assertEquals(50, metrics.appendCount());
    // grouped: far fewer fsyncs than appends, however busy the machine is
    assertTrue(metrics.fsyncCount() <= 25, "fsyncs: " + metrics.fsyncCount());
  }

  @Test
  void failsWhenASecondaryIsDownAndSealsLocally() throws Exception {
    layer.down(layer.infos.get(2).id());
    assertEquals(StreamErrorCode.UNAVAILABLE, failureCode(primary.append(E, EPOCH, blocks("lost"))));
    assertEquals(new SealResult(0, false), await(primary.seal(E, EPOCH, 0)));
    assertEquals(StreamErrorCode.SEALED, failureCode(primary.append(E, EPOCH, blocks("more"))));
    assertEquals(0L, await(primary.length(E)));
  }

  @Test
  void aRestartedNodeKnowsItsExtents() throws Exception {
    await(primary.append(E, EPOCH, blocks("persisted")));
    ExtentNodeConfig config = layer.nodeConfig("n1", "r1");
    InProcessStreamLayer again = new InProcessStreamLayer(vertx, dir);
    try {
      ExtentNode restarted = again.addNode(config);
      assertEquals("persisted", await(restarted.read(E, 0, 100)).blocks().get(0).data().toString());
      assertEquals(StreamErrorCode.UNAVAILABLE, failureCode(restarted.append(E, EPOCH, blocks("x"))));
    } finally {
      again.close();
    }
  }

  @Test
  void aTornTailLeftByACrashMidAppendIsTruncatedOnRestart() throws Exception {
    assertEquals(new AppendResult(List.of(0L), 20), await(primary.append(E, EPOCH, blocks("acknowledged"))));
    for (ExtentNodeInfo r : layer.infos) {
      // a record header promising 100 bytes, and only 10 of them: the crash came mid-write
      Path f = dir.resolve(r.rack().value()).resolve(r.id().value()).resolve("extents").resolve("e1.ext");
      Files.write(f, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14},
          java.nio.file.StandardOpenOption.APPEND);
      layer.restart(r.id());
    }
    ExtentNode restarted = layer.node(extent.primary().id());
    for (ExtentNodeInfo r : layer.infos) {
      assertEquals(20L, await(layer.node(r.id()).length(E)));
    }
    assertEquals("acknowledged", await(layer.node(layer.infos.get(2).id()).read(E, 0, 1)).blocks()
        .get(0).data().toString());
    // a replica that cut its tail takes no more writes: the extent is to be sealed
    assertEquals(StreamErrorCode.CORRUPT, failureCode(restarted.append(E, EPOCH, blocks("after"))));
    for (ExtentNodeInfo r : layer.infos) {
      assertEquals(new SealResult(20, true), await(layer.node(r.id()).seal(E, EPOCH, -1)));
    }
  }

  @Test
  void writesAndSealsOfAnOlderEpochAreFenced() throws Exception {
    ExtentNode secondary = layer.node(layer.infos.get(1).id());
    assertEquals(new AppendResult(List.of(0L), 11), await(primary.append(E, EPOCH, blocks("one"))));
    assertEquals(StreamErrorCode.FENCED, failureCode(primary.append(E, EPOCH - 1, blocks("two"))));
    assertEquals(StreamErrorCode.FENCED,
        failureCode(secondary.replicate(E, EPOCH - 1, 11, blocks("two"))));
    assertEquals(StreamErrorCode.FENCED, failureCode(primary.seal(E, EPOCH - 1, 0)));
    assertEquals(StreamErrorCode.FENCED, failureCode(secondary.seal(E, EPOCH - 1, -1)));
    for (ExtentNodeInfo r : layer.infos) {
      assertEquals(11L, await(layer.node(r.id()).length(E)), "nothing written, nothing sealed");
    }
    // a newer epoch may write (a writer of a later epoch on an extent created earlier)
    assertEquals(new AppendResult(List.of(11L), 22), await(primary.append(E, EPOCH + 1, blocks("two"))));
  }

  @Test
  void aSealOfANewerEpochRaisesItForGood() throws Exception {
    await(primary.append(E, EPOCH, blocks("one")));
    ExtentNodeInfo fenced = layer.infos.get(2);
    // the stream manager fences one secondary for a new owner: every replica write of the old
    // epoch now fails there, so the old owner's appends fail as a whole
    assertEquals(new SealResult(11, false), await(layer.node(fenced.id()).seal(E, EPOCH + 2, -1)));
    assertEquals(StreamErrorCode.FENCED,
        failureCode(layer.node(fenced.id()).replicate(E, EPOCH, 11, blocks("late"))));
    assertEquals(StreamErrorCode.FENCED, failureCode(primary.append(E, EPOCH, blocks("late"))));
    // the others are fenced too, then sealed; the old epoch cannot seal again (shorter) either
    for (ExtentNodeInfo r : layer.infos) {
      assertEquals(11L, await(layer.node(r.id()).seal(E, EPOCH + 2, 11)).length());
    }
    assertEquals(StreamErrorCode.FENCED, failureCode(primary.append(E, EPOCH, blocks("late"))));
    assertEquals(StreamErrorCode.FENCED, failureCode(primary.seal(E, EPOCH, 0)));
    assertEquals(StreamErrorCode.FENCED, failureCode(primary.seal(E, EPOCH + 1, 0)));
    // the raised epoch survives a restart
    layer.restart(fenced.id());
    assertEquals(StreamErrorCode.FENCED,
        failureCode(layer.node(fenced.id()).replicate(E, EPOCH + 1, 11, blocks("late"))));
    assertEquals(StreamErrorCode.FENCED, failureCode(layer.node(fenced.id()).seal(E, EPOCH, 0)));
    assertEquals(new SealResult(11, false), await(layer.node(fenced.id()).seal(E, EPOCH + 2, -1)));
    for (ExtentNodeInfo r : layer.infos) {
      assertEquals(11L, await(layer.node(r.id()).length(E)));
    }
  }

  @Test
  void aCopyReplacesAStaleReplicaOfAnOwnedExtent() throws Exception {
    await(primary.append(E, EPOCH, blocks("one", "two")));
    ExtentNodeInfo stale = layer.infos.get(2);
    for (ExtentNodeInfo r : layer.infos.subList(0, 2)) {
      await(layer.node(r.id()).seal(E, EPOCH, 11));
    }
    // the third replica missed the seal and holds more than the sealed length, under the
    // stream's epoch: the copy rewrites it from a sealed one (copying is no owner's write)
    assertEquals(22L, await(layer.node(stale.id()).length(E)));
    await(layer.node(stale.id()).copyExtent(new ExtentInfo(E, layer.infos, true, 11), 11,
        layer.infos.get(0)));
    assertEquals(11L, await(layer.node(stale.id()).length(E)));
    assertArrayEquals(replicaBytes(layer.infos.get(0)), replicaBytes(stale));
    assertEquals(StreamErrorCode.SEALED, failureCode(layer.node(stale.id()).replicate(E, EPOCH, 11, blocks("x"))));
    assertEquals(StreamErrorCode.FENCED,
        failureCode(layer.node(stale.id()).replicate(E, EPOCH - 1, 11, blocks("x"))),
        "the copy keeps the replica's epoch");
  }

  @Test
  void aHaltedNodeAnswersNothing() throws Exception {
    ExtentNode secondary = layer.node(layer.infos.get(1).id());
    secondary.halt();
    assertEquals(StreamErrorCode.UNAVAILABLE, failureCode(secondary.length(E)));
    assertEquals(StreamErrorCode.UNAVAILABLE, failureCode(primary.append(E, EPOCH, blocks("x"))));
  }

  private ExtentNodeMetrics primaryMetrics() {
    return layer.metrics(extent.primary().id());
  }
}
