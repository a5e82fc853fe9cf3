package io.stampede.stream.manager;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.stampede.stream.api.StreamInfo;
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

  @Test
  void deleteStreamRemovesItsExtentsAndRemembersIt() {
    StreamManagerStateMachine sm = populated();
    apply(sm, new StreamCommand.DeleteStream(LOG, 1_000, 0));
    StreamMetadata m = sm.metadata();
    assertThat(m.stream(LOG)).isEmpty();
    assertThat(m.deleted(LOG)).isTrue();
    assertThat(m.extent(ExtentId.of("e1"))).isEmpty();
    assertThat(m.extent(ExtentId.of("e2"))).isEmpty();
    assertThat(m.streamOf(ExtentId.of("e2"))).isEmpty();
    assertThat(m.streams()).extracting(s -> s.id().value()).containsExactly("p1-data");
    assertThat(m.extents()).extracting(e -> e.id().value()).containsExactly("e3");
    assertThat(m.nextExtentId()).as("ids of deleted extents are never reused").isEqualTo(ExtentId.of("e5"));
    assertThat(m.extentCounts()).containsEntry(ExtentNodeId.of("n3"), 0);

    byte[] before = sm.snapshot();
    assertThrows(IllegalArgumentException.class,
        () -> apply(sm, new StreamCommand.AddExtent(LOG, ExtentId.of("e5"), REPLICAS)), "no resurrection");
    assertThrows(IllegalArgumentException.class,
        () -> apply(sm, new StreamCommand.SealExtent(ExtentId.of("e2"), 7)));
    assertArrayEquals(before, sm.snapshot());
    apply(sm, new StreamCommand.DeleteStream(StreamId.of("never-opened"), 2_000, 0));
    assertThat(m.deleted(StreamId.of("never-opened"))).isTrue();
    assertThat(m.deletedStreams()).isEqualTo(2);
  }

  @Test
  void deletionsOlderThanTheForgetMarkAreForgottenByTheNextDeletion() {
    StreamManagerStateMachine sm = populated();
    StreamId a = StreamId.of("a");
    StreamId b = StreamId.of("b");
    apply(sm, new StreamCommand.DeleteStream(a, 1_000, 0));
    apply(sm, new StreamCommand.DeleteStream(b, 5_000, 0));
    apply(sm, new StreamCommand.DeleteStream(LOG, 9_000, 2_000));
    StreamMetadata m = sm.metadata();
    assertThat(m.deleted(a)).isFalse();
    assertThat(m.deleted(b)).isTrue();
    assertThat(m.deleted(LOG)).isTrue();
    apply(sm, new StreamCommand.AddExtent(a, ExtentId.of("e5"), REPLICAS));
    assertThat(m.stream(a)).as("a forgotten id is a new stream").isPresent();
    apply(sm, new StreamCommand.DeleteStream(b, 9_500, 0));
    apply(sm, new StreamCommand.DeleteStream(StreamId.of("c"), 9_600, 6_000));
    assertThat(m.deleted(b)).as("deleted again: remembered from its last deletion").isTrue();
  }

  @Test
  void snapshotKeepsTheDeletedStreams() {
    StreamManagerStateMachine sm = populated();
    apply(sm, new StreamCommand.DeleteStream(LOG, 1_000, 0));
    apply(sm, new StreamCommand.DeleteStream(StreamId.of("x"), 2_000, 0));
    byte[] snapshot = sm.snapshot();
    assertThat(ByteBuffer.wrap(snapshot).getInt(4)).isEqualTo(2);
    StreamManagerStateMachine restored = new StreamManagerStateMachine("sm-restored");
    restored.restore(snapshot);
    assertThat(restored.metadata().deleted(LOG)).isTrue();
    assertThat(restored.metadata().deleted(StreamId.of("x"))).isTrue();
    assertThat(restored.metadata().streams()).isEqualTo(sm.metadata().streams());
    assertThat(restored.metadata().nextExtentId()).isEqualTo(ExtentId.of("e5"));
    assertArrayEquals(snapshot, restored.snapshot());
    // the deletion times survive: the forget mark applies to them as before
    apply(restored, new StreamCommand.DeleteStream(StreamId.of("y"), 3_000, 1_500));
    assertThat(restored.metadata().deleted(LOG)).isFalse();
    assertThat(restored.metadata().deleted(StreamId.of("x"))).isTrue();
  }

  @Test
  void claimStreamRoundTripsThroughEncodingSnapshotsAndToCommands() {
    StreamCommand claim = new StreamCommand.ClaimStream(LOG, 0x0102030405060708L);
    byte[] encoded = claim.encode();
    // type 7, u16 length + "p1-log", i64 epoch
    assertArrayEquals(new byte[] {7, 0, 6, 'p', '1', '-', 'l', 'o', 'g', 1, 2, 3, 4, 5, 6, 7, 8},
        encoded);
    assertEquals(claim, StreamCommand.decode(encoded));

    StreamManagerStateMachine sm = populated();
    StreamId fresh = StreamId.of("p2-log");
    apply(sm, new StreamCommand.ClaimStream(LOG, 1));
    apply(sm, new StreamCommand.ClaimStream(LOG, 4));
    apply(sm, new StreamCommand.ClaimStream(fresh, 2));
    StreamMetadata m = sm.metadata();
    assertEquals(4, m.epoch(LOG));
    assertEquals(4, m.stream(LOG).orElseThrow().epoch());
    assertEquals(2, m.stream(LOG).orElseThrow().extents().size(), "a claim keeps the extents");
    assertEquals(4, m.epochOf(ExtentId.of("e1")));
    assertEquals(0, m.epochOf(ExtentId.of("e3")), "p1-data was never claimed");
    assertEquals(0, m.epochOf(ExtentId.of("nope")));
    assertEquals(new StreamInfo(fresh, 2, List.of()), m.stream(fresh).orElseThrow(),
        "a claim creates the stream without extents");

    List<StreamCommand> commands = m.toCommands();
    assertThat(commands).contains(new StreamCommand.ClaimStream(LOG, 4),
        new StreamCommand.ClaimStream(fresh, 2));
    assertThat(commands).filteredOn(c -> c instanceof StreamCommand.ClaimStream).hasSize(2);
    assertThat(commands.indexOf(new StreamCommand.ClaimStream(LOG, 4)))
        .isLessThan(commands.indexOf(new StreamCommand.AddExtent(LOG, ExtentId.of("e1"), REPLICAS)));
    StreamManagerStateMachine rebuilt = new StreamManagerStateMachine("sm-rebuilt");
    commands.forEach(c -> apply(rebuilt, c));
    assertEquals(m.streams(), rebuilt.metadata().streams());

    StreamManagerStateMachine restored = new StreamManagerStateMachine("sm-restored");
    restored.restore(sm.snapshot());
    assertEquals(m.streams(), restored.metadata().streams());
    assertEquals(4, restored.metadata().epoch(LOG));
    assertEquals(2, restored.metadata().epoch(fresh));
    assertArrayEquals(sm.snapshot(), restored.snapshot());
  }

  @Test
  void dropExtentsRemovesSealedExtentsOfItsOwnerOnlyAndRoundTrips() {
    StreamCommand drop = new StreamCommand.DropExtents(LOG, 5, List.of(ExtentId.of("e1"), ExtentId.of("e9")));
    byte[] encoded = drop.encode();
    // type 8, u16 length + "p1-log", i64 epoch, u16 count, extents
    assertArrayEquals(new byte[] {8, 0, 6, 'p', '1', '-', 'l', 'o', 'g', 0, 0, 0, 0, 0, 0, 0, 5, 0, 2,
        0, 2, 'e', '1', 0, 2, 'e', '9'}, encoded);
    assertEquals(drop, StreamCommand.decode(encoded));

    StreamManagerStateMachine sm = populated();
    apply(sm, new StreamCommand.ClaimStream(LOG, 5));
    apply(sm, new StreamCommand.ReserveExtent(ExtentId.of("e5")));
    apply(sm, new StreamCommand.AddExtent(LOG, ExtentId.of("e5"), REPLICAS));
    apply(sm, new StreamCommand.SealExtent(ExtentId.of("e2"), 7));
    // a stale owner, an open extent, the last extent (even sealed): refused, nothing changes
    apply(sm, new StreamCommand.SealExtent(ExtentId.of("e5"), 3));
    byte[] before = sm.snapshot();
    for (StreamCommand c : List.of(new StreamCommand.DropExtents(LOG, 4, List.of(ExtentId.of("e1"))),
        new StreamCommand.DropExtents(LOG, 5, List.of(ExtentId.of("e1"), ExtentId.of("e5"))))) {
      assertThrows(IllegalArgumentException.class, () -> apply(sm, c), c.toString());
    }
    apply(sm, new StreamCommand.ReserveExtent(ExtentId.of("e6")));
    apply(sm, new StreamCommand.AddExtent(LOG, ExtentId.of("e6"), REPLICAS));
    assertThrows(IllegalArgumentException.class,
        () -> apply(sm, new StreamCommand.DropExtents(LOG, 5, List.of(ExtentId.of("e6")))), "open");
    assertThat(before).isNotEqualTo(sm.snapshot());

    apply(sm, drop);
    StreamMetadata m = sm.metadata();
    assertEquals(List.of(ExtentId.of("e2"), ExtentId.of("e5"), ExtentId.of("e6")),
        m.stream(LOG).orElseThrow().extents().stream().map(ExtentInfo::id).toList());
    assertTrue(m.extent(ExtentId.of("e1")).isEmpty());
    assertTrue(m.streamOf(ExtentId.of("e1")).isEmpty());
    StreamManagerStateMachine restored = new StreamManagerStateMachine("sm-restored");
    restored.restore(sm.snapshot());
    assertEquals(m.streams(), restored.metadata().streams());
  }

  @Test
  void refusesAClaimNotAboveTheEpochOrOfADeletedStream() {
    StreamManagerStateMachine sm = populated();
    apply(sm, new StreamCommand.ClaimStream(LOG, 3));
    byte[] before = sm.snapshot();
    List<StreamCommand> bad = List.of(
        new StreamCommand.ClaimStream(LOG, 3),                      // a deposed leader's stale claim
        new StreamCommand.ClaimStream(LOG, 2),
        new StreamCommand.ClaimStream(StreamId.of("p2-log"), 0));  // not above a new stream's 0
    for (StreamCommand c : bad) {
      assertThrows(IllegalArgumentException.class, () -> apply(sm, c), c.toString());
    }
    assertArrayEquals(before, sm.snapshot());
    assertEquals(3, sm.metadata().epoch(LOG));
    assertThat(sm.metadata().stream(StreamId.of("p2-log"))).isEmpty();

    apply(sm, new StreamCommand.DeleteStream(LOG, 1_000, 0));
    assertEquals(0, sm.metadata().epoch(LOG));
    byte[] deleted = sm.snapshot();
    assertThrows(IllegalArgumentException.class,
        () -> apply(sm, new StreamCommand.ClaimStream(LOG, 4)), "no resurrection by a claim");
    assertArrayEquals(deleted, sm.snapshot());
    assertThat(sm.metadata().stream(LOG)).isEmpty();
    assertThat(sm.metadata().deleted(LOG)).isTrue();
  }

  @Test
  void readsAVersion1Snapshot() {
    StreamManagerStateMachine sm = populated();
    List<byte[]> commands = sm.metadata().toCommands().stream().map(StreamCommand::encode).toList();
    ByteBuffer v1 = ByteBuffer.allocate(20 + commands.stream().mapToInt(c -> 4 + c.length).sum())
        .putInt(StreamManagerStateMachine.SNAPSHOT_MAGIC).putInt(1)
        .putLong(4).putInt(commands.size());
    commands.forEach(c -> v1.putInt(c.length).put(c));
    StreamManagerStateMachine restored = new StreamManagerStateMachine("sm-v1");
    restored.restore(v1.array());
    assertThat(restored.metadata().streams()).isEqualTo(sm.metadata().streams());
    assertThat(restored.metadata().extents()).isEqualTo(sm.metadata().extents());
    assertThat(restored.metadata().nextExtentId()).isEqualTo(ExtentId.of("e5"));
    assertThat(restored.metadata().deletedStreams()).isZero();
    assertArrayEquals(sm.snapshot(), restored.snapshot(), "written again as version 2");
  }
}
