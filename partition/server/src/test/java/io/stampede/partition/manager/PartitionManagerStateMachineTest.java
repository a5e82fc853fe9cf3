package io.stampede.partition.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.partition.api.ServerReport;
import io.stampede.proto.partition.GetPartitionMapRequest;
import io.stampede.proto.partition.ManagerQueryMsg;
import io.stampede.proto.partition.PartitionMapMsg;
import io.stampede.proto.storage.ManagerCommandMsg;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionManagerStateMachineTest {
  private static final PartitionServerInfo S1 = PartitionServerInfo.of(PartitionServerId.of("s1"), Endpoint.of("127.0.0.1", 7001));
  private final PartitionManagerStateMachine machine = new PartitionManagerStateMachine("m1");

  private static PartitionMap map(byte[] reply) throws InvalidProtocolBufferException {
    return PartitionProtos.fromMsg(PartitionMapMsg.parseFrom(reply));
  }

  private PartitionMap apply(ManagerCommandMsg command) throws InvalidProtocolBufferException {
    return map(machine.apply(command.toByteArray()));
  }

  private void initializeAndAssign() throws InvalidProtocolBufferException {
    apply(AssignmentCodec.initialize(List.of("h", "p")));
    apply(AssignmentCodec.heartbeat(new ServerReport(S1, 0, List.of()), 1_000, 10_000));
  }

  @Test
  void commandsReplyWithTheResultingMapAndAreCounted() throws Exception {
    initializeAndAssign();
    PartitionMap after = apply(AssignmentCodec.assignOrphans(5_000, 2_000));
    assertEquals(3, after.entries().size());
    assertTrue(after.entries().stream().allMatch(e -> S1.id().equals(e.server())));
    assertEquals(3, machine.commandsApplied());
    assertEquals(3, machine.rangesAssigned());
    assertEquals(1, machine.assignment().liveServerCount(5_000));
    assertEquals(0, machine.assignment().liveServerCount(11_000));
    byte[] query = ManagerQueryMsg.newBuilder().setGetMap(GetPartitionMapRequest.getDefaultInstance()).build().toByteArray();
    assertEquals(after, map(machine.query(query)));
  }

  @Test
  void snapshotRestoresTheSameMap() throws Exception {
    initializeAndAssign();
    PartitionManagerStateMachine other = new PartitionManagerStateMachine("m2");
    other.restore(machine.snapshot());
    assertEquals(machine.assignment().map(), other.assignment().map());
    assertEquals(machine.assignment().servers(), other.assignment().servers());
    assertEquals(machine.assignment().nextPartitionNumber(), other.assignment().nextPartitionNumber());
  }

  @Test
  void garbageIsRefusedWithoutChangingTheState() throws Exception {
    initializeAndAssign();
    long version = machine.assignment().version();
    assertThrows(IllegalArgumentException.class, () -> machine.apply(new byte[] {(byte) 0xff, 0x01}));
    assertThrows(IllegalArgumentException.class, () -> machine.query(new byte[] {(byte) 0xff, 0x01}));
    assertEquals(version, machine.assignment().version());
    assertEquals(2, machine.commandsApplied());
  }
}
