package io.stampede.stream.manager;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.StreamManagerApi.NodeStatus;
import io.stampede.stream.api.StreamManagerApi.StampStreams;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamManagerTest {
  private static final StreamId LOG = StreamId.of("p1-log");

  @TempDir Path dir;
  private Vertx vertx;
  private InProcessStreamLayer layer;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new InProcessStreamLayer(vertx, dir).withNodes(3, 2);
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  @Test
  void openStreamCreatesOneExtentOnThreeRacksOnce() throws Exception {
    StreamManager manager = layer.startManager();
    StreamInfo claimed = await(manager.claimStream(LOG));
    assertEquals(new StreamInfo(LOG, 1, List.of()), claimed);
    StreamInfo s = await(manager.openStream(LOG, claimed.epoch()));
    assertEquals(1, s.extents().size());
    ExtentInfo e = s.last();
    assertFalse(e.sealed());
    assertEquals(3, e.replicas().stream().map(ExtentNodeInfo::rack).collect(Collectors.toSet()).size());
    for (ExtentNodeInfo r : e.replicas()) {
      assertEquals(0L, await(layer.node(r.id()).length(e.id())));
    }
    assertEquals(s, await(manager.openStream(LOG, claimed.epoch())));
  }

  @Test
  void sealAndExtendSealsReplicasAndIsIdempotent() throws Exception {
    StreamManager manager = layer.startManager();
    long epoch = await(manager.claimStream(LOG)).epoch();
    ExtentInfo first = await(manager.openStream(LOG, epoch)).last();
    await(layer.node(first.primary().id()).append(first.id(), epoch, List.of(Buffer.buffer("abc"))));
    StreamInfo s = await(manager.sealAndExtend(LOG, first.id(), 11, epoch));
    assertEquals(2, s.extents().size());
    assertEquals(new ExtentInfo(first.id(), first.replicas(), true, 11), s.extents().get(0));
    assertFalse(s.last().sealed());
    for (ExtentNodeInfo r : first.replicas()) {
      assertEquals(StreamErrorCode.SEALED,
          failureCode(layer.node(r.id()).replicate(first.id(), epoch, 11, List.of(Buffer.buffer("x")))));
    }
    assertEquals(s, await(manager.sealAndExtend(LOG, first.id(), 11, epoch)));
    assertEquals(StreamErrorCode.NOT_FOUND,
        failureCode(manager.sealAndExtend(LOG, ExtentId.of("nope"), 0, epoch)));
  }

  @Test
  void dropExtentsTakesSealedExtentsOutOfTheStreamForItsOwnerOnly() throws Exception {
    StreamManager manager = layer.startManager();
    long epoch = await(manager.claimStream(LOG)).epoch();
    ExtentInfo first = await(manager.openStream(LOG, epoch)).last();
    await(layer.node(first.primary().id()).append(first.id(), epoch, List.of(Buffer.buffer("abc"))));
    StreamInfo extended = await(manager.sealAndExtend(LOG, first.id(), 11, epoch));
    assertEquals(StreamErrorCode.NOT_SEALED,
        failureCode(manager.dropExtents(LOG, List.of(extended.last().id()), epoch)), "the open extent");
    assertEquals(StreamErrorCode.FENCED, failureCode(manager.dropExtents(LOG, List.of(first.id()), epoch - 1)));
    long next = await(manager.claimStream(LOG)).epoch();
    assertEquals(StreamErrorCode.FENCED, failureCode(manager.dropExtents(LOG, List.of(first.id()), epoch)),
        "a deposed owner drops nothing");
    StreamInfo after = await(manager.dropExtents(LOG, List.of(first.id()), next));
    assertEquals(List.of(extended.last().id()), after.extents().stream().map(ExtentInfo::id).toList());
    assertEquals(after, await(manager.dropExtents(LOG, List.of(first.id()), next)), "idempotent");
    assertEquals(after, await(manager.describeStream(LOG)));
  }

  @Test
  void aNewLeaderSeesTheMetadataAndWaitsForHeartbeats() throws Exception {
    StreamManager manager = layer.startManager();
    open(manager, LOG);
    StreamInfo data = open(manager, StreamId.of("p1-data"));
    await(manager.sealAndExtend(StreamId.of("p1-data"), data.last().id(), 0, data.epoch()));
    ExtentNodeInfo moved = new ExtentNodeInfo(ExtentNodeId.of("n1"), RackId.of("r1"),
        Endpoint.of("127.0.0.9", 4242));
    await(manager.heartbeat(new NodeHeartbeat(moved, 0, List.of())));
    StampStreams before = await(manager.describe());

    StreamManager restarted = layer.openManager();
    StampStreams after = await(restarted.describe());
    assertEquals(before.streams(), after.streams());
    assertEquals(nodes(before), nodes(after));
    assertTrue(nodes(after).contains(moved));
    assertTrue(after.nodes().stream().allMatch(NodeStatus::alive), "alive until the node timeout");
    // not heard from since the restart: no new extents on them yet
    long p2 = await(restarted.claimStream(StreamId.of("p2-log"))).epoch();
    assertEquals(StreamErrorCode.NO_PLACEMENT, failureCode(restarted.openStream(StreamId.of("p2-log"), p2)));
    layer.heartbeats();
    List<ExtentId> ids = new ArrayList<>();
    after.streams().forEach(s -> s.extents().forEach(e -> ids.add(e.id())));
    ExtentId next = await(restarted.openStream(StreamId.of("p2-log"), p2)).last().id();
    assertFalse(ids.contains(next), "extent ids are not reused after a restart: " + next);
  }

  /** Claims the stream and opens its first extent. */
  private static StreamInfo open(StreamManager manager, StreamId stream) throws Exception {
    return await(manager.openStream(stream, await(manager.claimStream(stream)).epoch()));
  }

  private static List<ExtentNodeInfo> nodes(StampStreams s) {
    return s.nodes().stream().map(NodeStatus::node).toList();
  }

  @Test
  void noPlacementWithTwoRacks() throws Exception {
    InProcessStreamLayer small = new InProcessStreamLayer(vertx, dir.resolve("small")).withNodes(2, 2);
    try {
      StreamManager manager = small.startManager();
      long epoch = await(manager.claimStream(LOG)).epoch();
      assertEquals(StreamErrorCode.NO_PLACEMENT, failureCode(manager.openStream(LOG, epoch)));
    } finally {
      small.close();
    }
  }
}
