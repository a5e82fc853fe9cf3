package io.stampede.stream.client;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatedStreamClientTest {
  private static final StreamId LOG = StreamId.of("p1-log");

  @TempDir Path dir;
  private Vertx vertx;
  private InProcessStreamLayer layer;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new InProcessStreamLayer(vertx, dir).withNodes(3, 2);
    layer.startManager();
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private ReplicatedStreamClient client(long extentBytesTarget) {
    return new ReplicatedStreamClient(vertx, layer.manager, layer.connector,
        StreamClientConfig.defaults().withExtentBytesTarget(extentBytesTarget));
  }

  private static Buffer block(int i) {
    return Buffer.buffer("record-" + i + "-" + "x".repeat(i % 7));
  }

  @Test
  void appendsReadBackAndReplayInOrderAcrossRollovers() throws Exception {
    ReplicatedStreamClient client = client(100);
    StreamWriter writer = await(client.claim(LOG));
    List<Future<List<ExtentPointer>>> appends = new ArrayList<>();
    for (int i = 0; i < 40; i += 2) {
      Future<List<ExtentPointer>> f = writer.append(List.of(block(i), block(i + 1)));
      appends.add(f);
      if (i < 20) {
        await(f); // one at a time, so that extents fill and roll over between batches
      }
    }
    List<ExtentPointer> pointers = new ArrayList<>();
    for (Future<List<ExtentPointer>> f : appends) {
      pointers.addAll(await(f));
    }
    for (int i = 0; i < 40; i++) {
      assertEquals(block(i), await(client.read(pointers.get(i))));
    }
    Set<ExtentId> extents = new LinkedHashSet<>();
    pointers.forEach(p -> extents.add(p.extent()));
    StreamInfo stream = await(layer.manager.describeStream(LOG));
    assertEquals(List.copyOf(extents), stream.extents().stream().map(ExtentInfo::id).toList()
        .subList(0, extents.size()));
    assertTrue(extents.size() >= 3, "rolled over: " + extents);
    for (ExtentInfo e : stream.extents().subList(0, stream.extents().size() - 1)) {
      assertTrue(e.sealed() && e.sealedLength() >= 100, e.toString());
    }

    List<StreamRecord> replayed = new ArrayList<>();
    await(client(100).replay(LOG, replayed::add));
    assertEquals(pointers, replayed.stream().map(StreamRecord::pointer).toList());
    for (int i = 0; i < 40; i++) {
      assertEquals(block(i), replayed.get(i).data());
    }
  }

  @Test
  void replayAfterAPointerReadsOnlyLaterBlocksAcrossRollovers() throws Exception {
    ReplicatedStreamClient client = client(100);
    StreamWriter writer = await(client.claim(LOG));
    List<ExtentPointer> pointers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      pointers.addAll(await(writer.append(List.of(block(i)))));
    }
    for (int from : new int[] {0, 7, 15, 28, 29}) {
      List<StreamRecord> replayed = new ArrayList<>();
      await(client(100).replay(LOG, pointers.get(from), replayed::add));
      assertEquals(pointers.subList(from + 1, 30), replayed.stream().map(StreamRecord::pointer).toList(),
          "after block " + from);
      for (int i = 0; i < replayed.size(); i++) {
        assertEquals(block(from + 1 + i), replayed.get(i).data());
      }
    }
    List<StreamRecord> all = new ArrayList<>();
    await(client.replay(LOG, null, all::add));
    assertEquals(pointers, all.stream().map(StreamRecord::pointer).toList());
    assertEquals(StreamErrorCode.NOT_FOUND, failureCode(client.replay(LOG,
        new ExtentPointer(ExtentId.of("e-none"), 0, 4), all::add)));
  }

  @Test
  void aFreshClientReadsPointersItNeverSaw() throws Exception {
    StreamWriter writer = await(client(1 << 20).claim(LOG));
    ExtentPointer p = await(writer.append(List.of(Buffer.buffer("kept")))).get(0);
    assertEquals(Buffer.buffer("kept"), await(client(1 << 20).read(p)));
    assertEquals(StreamErrorCode.NOT_FOUND,
        failureCode(client(1 << 20).read(new ExtentPointer(ExtentId.of("e99"), 0, 4))));
  }

  @Test
  void readsFailOverToAnotherReplica() throws Exception {
    ReplicatedStreamClient client = client(1 << 20);
    StreamWriter writer = await(client.claim(LOG));
    ExtentPointer p = await(writer.append(List.of(Buffer.buffer("survives")))).get(0);
    StreamInfo stream = await(layer.manager.describeStream(LOG));
    layer.down(stream.last().primary().id());
    layer.down(stream.last().replicas().get(1).id());
    assertEquals(Buffer.buffer("survives"), await(client.read(p)));
    List<StreamRecord> replayed = new ArrayList<>();
    await(client.replay(LOG, replayed::add));
    assertEquals(1, replayed.size());
    // two replicas down: the extent is sealed at its commit length, appends go on elsewhere
    ExtentPointer after = await(writer.append(List.of(Buffer.buffer("moved on")))).get(0);
    ExtentInfo sealed = await(layer.manager.describeStream(LOG)).extents().get(0);
    assertTrue(sealed.sealed(), sealed.toString());
    assertEquals(p.offset() + 8 + p.length(), sealed.sealedLength());
    assertTrue(!after.extent().equals(p.extent()), after.toString());
    assertEquals(Buffer.buffer("moved on"), await(client.read(after)));
  }

  @Test
  void refusesBlocksOverTheBoundAndEmptyStreamsReplayNothing() throws Exception {
    ReplicatedStreamClient client = client(1 << 20);
    StreamWriter writer = await(client.claim(LOG));
    assertEquals(StreamErrorCode.TOO_LARGE, failureCode(
        writer.append(List.of(Buffer.buffer(new byte[client.blockBytesMax() + 1])))));
    List<StreamRecord> replayed = new ArrayList<>();
    await(client.replay(StreamId.of("empty"), replayed::add));
    assertEquals(List.of(), replayed);
    assertEquals(List.of(), await(writer.append(List.of())));
  }
}
