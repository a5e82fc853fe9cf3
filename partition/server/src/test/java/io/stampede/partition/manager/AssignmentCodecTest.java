package io.stampede.partition.manager;

import static io.stampede.partition.manager.AssignmentFormatV1.REPLACE_RANGES;
import static io.stampede.partition.manager.AssignmentFormatV1.REPORT_S1;
import static io.stampede.partition.manager.AssignmentFormatV1.REPORT_S2;
import static io.stampede.partition.manager.AssignmentFormatV1.S1;
import static io.stampede.partition.manager.AssignmentFormatV1.S2;
import static io.stampede.partition.manager.AssignmentFormatV1.SPLIT_POINTS;
import static io.stampede.partition.manager.AssignmentFormatV1.T;
import static io.stampede.partition.manager.AssignmentFormatV1.key;
import static io.stampede.partition.manager.AssignmentFormatV1.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.proto.storage.AssignmentStateMsg;
import io.stampede.proto.storage.ManagerCommandMsg;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssignmentCodecTest {
  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static void assertSameState(PartitionAssignment expected, PartitionAssignment actual) {
    assertEquals(expected.version(), actual.version());
    assertEquals(expected.nextPartitionNumber(), actual.nextPartitionNumber());
    assertEquals(expected.ranges(), actual.ranges());
    assertEquals(expected.servers(), actual.servers());
    assertEquals(expected.pending(), actual.pending());
    assertEquals(expected.lastSplitMs(), actual.lastSplitMs());
    assertEquals(expected.map(), actual.map());
  }

  /** The version 1 bytes of every command kind, and the command this build makes for the same values. */
  private static Map<String, ManagerCommandMsg> version1Commands() {
    Map<String, ManagerCommandMsg> commands = new LinkedHashMap<>();
    commands.put(AssignmentFormatV1.INITIALIZE_HEX, AssignmentCodec.initialize(SPLIT_POINTS));
    commands.put(AssignmentFormatV1.HEARTBEAT_S1_HEX, AssignmentCodec.heartbeat(REPORT_S1, T, 10_000));
    commands.put(AssignmentFormatV1.HEARTBEAT_S2_HEX, AssignmentCodec.heartbeat(REPORT_S2, T + 1_000, 10_000));
    commands.put(AssignmentFormatV1.ASSIGN_ORPHANS_HEX, AssignmentCodec.assignOrphans(T + 5_000, 2_000));
    commands.put(AssignmentFormatV1.ASSIGN_HEX, AssignmentCodec.assign(p(2), S2.id()));
    commands.put(AssignmentFormatV1.SPLIT_HEX, AssignmentCodec.split(p(0), Optional.empty(), T + 6_000));
    commands.put(AssignmentFormatV1.MERGE_HEX, AssignmentCodec.merge(p(1), T + 7_000));
    commands.put(AssignmentFormatV1.MOVE_HEX, AssignmentCodec.move(p(3), S2.id(), T + 8_000));
    commands.put(AssignmentFormatV1.REPLACE_HEX, AssignmentCodec.replace(REPLACE_RANGES));
    return commands;
  }

  @Test
  void readsASnapshotAsFormatVersion1WroteIt() {
    assertSameState(AssignmentFormatV1.assignment(), AssignmentCodec.decode(hex(AssignmentFormatV1.SNAPSHOT_HEX)));
  }

  @Test
  void writesTheSnapshotAsFormatVersion1Did() throws Exception {
    // The same fields and values, so a build reading only the first storage messages reads it,
    // and nothing of the old bytes is left unread.
    AssignmentStateMsg v1 = AssignmentStateMsg.parseFrom(hex(AssignmentFormatV1.SNAPSHOT_HEX));
    assertEquals(v1, AssignmentCodec.toMsg(AssignmentFormatV1.assignment()));
    assertEquals(0, v1.getUnknownFields().asMap().size());
  }

  @Test
  void snapshotsRoundTrip() {
    PartitionAssignment a = AssignmentFormatV1.assignment();
    assertSameState(a, AssignmentCodec.decode(AssignmentCodec.encode(a)));
    PartitionAssignment empty = new PartitionAssignment();
    assertSameState(empty, AssignmentCodec.decode(AssignmentCodec.encode(empty)));
  }

  @Test
  void refusesAnUnknownSnapshotVersionAndGarbage() {
    byte[] v2 = AssignmentStateMsg.newBuilder().setFormatVersion(2).build().toByteArray();
    assertThrows(IllegalStateException.class, () -> AssignmentCodec.decode(v2));
    assertThrows(IllegalStateException.class, () -> AssignmentCodec.decode(new byte[] {(byte) 0xff, 0x01}));
    assertThrows(IllegalArgumentException.class, () -> AssignmentCodec.decodeCommand(new byte[] {(byte) 0xff, 0x01}));
  }

  @Test
  void readsCommandsOfEveryKindAsFormatVersion1WroteThem() {
    version1Commands().forEach((bytes, command) -> {
      ManagerCommandMsg v1 = AssignmentCodec.decodeCommand(hex(bytes));
      assertEquals(command, v1, command.getKindCase().name());
      assertEquals(0, v1.getUnknownFields().asMap().size());
    });
    // every kind but KIND_NOT_SET and forget_retired (added after format version 1 was first written)
    assertEquals(ManagerCommandMsg.KindCase.values().length - 2,
        version1Commands().values().stream().map(ManagerCommandMsg::getKindCase).distinct().count(), "every kind");
    ManagerCommandMsg forget = AssignmentCodec.forgetRetired(io.stampede.common.id.PartitionId.of("p7"));
    assertEquals(forget, AssignmentCodec.decodeCommand(forget.toByteArray()));
    assertEquals(REPORT_S1,
        AssignmentCodec.report(AssignmentCodec.decodeCommand(hex(AssignmentFormatV1.HEARTBEAT_S1_HEX)).getHeartbeat()));
    assertEquals(REPORT_S2,
        AssignmentCodec.report(AssignmentCodec.decodeCommand(hex(AssignmentFormatV1.HEARTBEAT_S2_HEX)).getHeartbeat()));
    assertEquals(REPLACE_RANGES,
        AssignmentCodec.ranges(AssignmentCodec.decodeCommand(hex(AssignmentFormatV1.REPLACE_HEX)).getReplace()));
  }

  @Test
  void version1CommandsReplayToTheStateTheyMade() {
    PartitionManagerStateMachine machine = new PartitionManagerStateMachine("m1");
    List<String> log = List.copyOf(version1Commands().keySet());
    log.subList(0, 5).forEach(c -> machine.apply(hex(c)));
    PartitionAssignment a = machine.assignment();
    assertEquals(5, a.version());
    assertEquals(List.of(new PartitionEntry(p(0), KeyRange.of("", key("h")), S1.id(), List.of()),
        new PartitionEntry(p(1), KeyRange.of(key("h"), key("p")), S2.id(), List.of()),
        new PartitionEntry(p(2), KeyRange.of(key("p"), ""), S2.id(), List.of())), a.ranges());
    assertEquals(List.of(S1, S2), a.servers().stream().map(PartitionAssignment.ServerLease::info).toList());
    assertEquals(REPORT_S2.ranges(), a.servers().get(1).ranges());

    log.subList(5, 8).forEach(c -> machine.apply(hex(c)));
    assertEquals(7, a.version());
    assertEquals(List.of(new PartitionEntry(p(3), KeyRange.of("", key("f")), null, List.of(p(0))),
        new PartitionEntry(p(4), KeyRange.of(key("f"), key("h")), null, List.of(p(0))),
        new PartitionEntry(p(5), KeyRange.of(key("h"), ""), null, List.of(p(1), p(2)))), a.ranges());
    assertEquals(List.of(new PartitionAssignment.Pending(p(3), S2.id(), 6, List.of(p(0))),
        new PartitionAssignment.Pending(p(4), S1.id(), 6, List.of(p(0))),
        new PartitionAssignment.Pending(p(5), S2.id(), 7, List.of(p(1), p(2)))), a.pending());
    assertEquals(T + 6_000, a.lastSplitMs());

    machine.apply(hex(log.get(8)));
    assertEquals(8, a.version());
    assertEquals(REPLACE_RANGES.stream().map(e -> e.withServer(null)).toList(), a.ranges());
    assertEquals(List.of(), a.pending());
    assertEquals(9, a.nextPartitionNumber());
    assertEquals(9, machine.commandsApplied());
  }
}
