package io.stampede.stream.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamManagerStateMachineTest {
  private static final StreamId LOG = StreamId.of("p1-log");

  private static ExtentNodeInfo node(int i) {
    return new ExtentNodeInfo(ExtentNodeId.of("n" + i), RackId.of("r" + i), Endpoint.of("127.0.0." + i, 7000 + i));
  }

  private static final List<ExtentNodeInfo> REPLICAS = List.of(node(1), node(2), node(3));

  private static byte[] apply(StreamManagerStateMachine sm, StreamCommand c) {
    return sm.apply(c.encode());
  }

  /** Two streams, a sealed and an open extent, a moved node, a reserved but unused id. */
  private static StreamManagerStateMachine populated() {
    StreamManagerStateMachine sm = new StreamManagerStateMachine("sm-test");
    REPLICAS.forEach(n -> apply(sm, new StreamCommand.RegisterNode(n)));
    apply(sm, new StreamCommand.ReserveExtent(ExtentId.of("e1")));
    apply(sm, new StreamCommand.AddExtent(LOG, ExtentId.of("e1"), REPLICAS));
    apply(sm, new StreamCommand.SealExtent(ExtentId.of("e1"), 42));
    apply(sm, new StreamCommand.ReserveExtent(ExtentId.of("e2")));
    apply(sm, new StreamCommand.AddExtent(LOG, ExtentId.of("e2"), List.of(node(3), node(2), node(1))));
    apply(sm, new StreamCommand.ReserveExtent(ExtentId.of("e3")));
    apply(sm, new StreamCommand.AddExtent(StreamId.of("p1-data"), ExtentId.of("e3"), REPLICAS));
    apply(sm, new StreamCommand.SetReplicas(ExtentId.of("e3"), List.of(node(1), node(2), node(4))));
    apply(sm, new StreamCommand.RegisterNode(new ExtentNodeInfo(ExtentNodeId.of("n1"), RackId.of("r1"),
        Endpoint.of("127.0.0.9", 4242))));
    apply(sm, new StreamCommand.ReserveExtent(ExtentId.of("e4")));
    return sm;
  }

  @Test
  void appliesCommandsToTheMetadata() {
    StreamManagerStateMachine sm = populated();
    StreamMetadata m = sm.metadata();
    assertEquals(13, sm.commandsApplied());
    assertEquals(2, m.stream(LOG).orElseThrow().extents().size());
    ExtentInfo sealed = m.extent(ExtentId.of("e1")).orElseThrow();
    assertTrue(sealed.sealed());
    assertEquals(42, sealed.sealedLength());
    assertEquals(Endpoint.of("127.0.0.9", 4242), sealed.primary().endpoint(), "replicas follow the node's new endpoint");
    assertEquals(ExtentNodeId.of("n4"), m.extent(ExtentId.of("e3")).orElseThrow().replicas().get(2).id());
    assertEquals(ExtentId.of("e5"), m.nextExtentId(), "a reserved id is never handed out again");
  }

  @Test
  void snapshotRestoresTheSameMetadata() {
    StreamManagerStateMachine sm = populated();
    byte[] snapshot = sm.snapshot();
    StreamManagerStateMachine restored = new StreamManagerStateMachine("sm-restored");
    restored.restore(snapshot);
    StreamMetadata a = sm.metadata();
    StreamMetadata b = restored.metadata();
    assertEquals(a.streams(), b.streams());
    assertEquals(List.copyOf(a.nodes()), List.copyOf(b.nodes()));
    assertEquals(a.extents(), b.extents());
    assertEquals(a.nextExtentId(), b.nextExtentId());
    assertEquals(a.streamOf(ExtentId.of("e3")), b.streamOf(ExtentId.of("e3")));
    assertArrayEquals(snapshot, restored.snapshot());
    // a restored state keeps applying the log after the snapshot
    apply(restored, new StreamCommand.AddExtent(LOG, ExtentId.of("e5"), REPLICAS));
    assertEquals(3, restored.metadata().stream(LOG).orElseThrow().extents().size());
  }

  @Test
  void refusesBadCommandsAndLeavesTheStateAsItWas() {
    StreamManagerStateMachine sm = populated();
    byte[] before = sm.snapshot();
    List<StreamCommand> bad = List.of(
        new StreamCommand.ReserveExtent(ExtentId.of("e2")),      // a deposed leader's stale reservation
        new StreamCommand.ReserveExtent(ExtentId.of("e9")),      // skips ids
        new StreamCommand.AddExtent(LOG, ExtentId.of("e2"), REPLICAS),
        new StreamCommand.SealExtent(ExtentId.of("e1"), 41),     // sealed is forever
        new StreamCommand.SealExtent(ExtentId.of("nope"), 1),
        new StreamCommand.SetReplicas(ExtentId.of("nope"), REPLICAS));
    for (StreamCommand c : bad) {
      assertThrows(IllegalArgumentException.class, () -> apply(sm, c), c.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> sm.apply(new byte[] {9}));
    assertThrows(IllegalArgumentException.class, () -> sm.apply(new byte[] {2, 0, 40, 1}), "torn command");
    assertThrows(IllegalArgumentException.class, () -> sm.query(new byte[] {'X'}));
    assertArrayEquals(before, sm.snapshot());
    apply(sm, new StreamCommand.SealExtent(ExtentId.of("e1"), 42)); // same length: idempotent
    assertArrayEquals(before, sm.snapshot());
  }

  @Test
  void refusesASnapshotOfAnotherFormat() {
    byte[] snapshot = populated().snapshot();
    byte[] otherVersion = snapshot.clone();
    ByteBuffer.wrap(otherVersion).putInt(4, StreamManagerStateMachine.SNAPSHOT_VERSION + 1);
    StreamManagerStateMachine sm = new StreamManagerStateMachine("sm-x");
    assertThrows(IllegalStateException.class, () -> sm.restore(otherVersion));
    assertThrows(IllegalStateException.class, () -> sm.restore(Arrays.copyOf(snapshot, snapshot.length - 3)));
    assertEquals(0, sm.metadata().streams().size());
  }
}
