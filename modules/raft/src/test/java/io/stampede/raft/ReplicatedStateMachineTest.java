package io.stampede.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ManagerPeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class ReplicatedStateMachineTest {
  private final ManagerPeerId self = ManagerPeerId.of("m1");
  private final CounterState counter = new CounterState();
  private final List<LeaderChange> changes = new ArrayList<>();
  private final ReplicatedStateMachine machine = new ReplicatedStateMachine(self, counter, changes::add);

  private CompletableFuture<Message> apply(long term, long index, long delta) {
    LogEntryProto entry = LogEntryProto.newBuilder().setTerm(term).setIndex(index)
        .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
            .setLogData(ByteString.copyFrom(CounterState.add(delta))))
        .build();
    return machine.applyTransaction(TransactionContext.newBuilder().setStateMachine(machine)
        .setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build());
  }

  private static long value(CompletableFuture<Message> reply) throws Exception {
    return CounterState.decode(ReplyEnvelope.open(reply.get().getContent().toByteArray(), "test"));
  }

  @Test
  void appliesCommandsInOrderAndTracksTheIndex() throws Exception {
    assertEquals(3, value(apply(1, 1, 3)));
    assertEquals(7, value(apply(1, 2, 4)));
    assertEquals(2, machine.getLastAppliedTermIndex().getIndex());
    assertEquals(7, value(machine.query(Message.valueOf(ByteString.EMPTY))));
    assertEquals(7L, machine.read(counter::value));
  }

  @Test
  void aRefusedCommandIsAnAnswerAndStillCountsAsApplied() throws Exception {
    apply(1, 1, 5);
    CompletableFuture<Message> refused = apply(1, 2, -1);
    RaftCallException e = assertThrows(RaftCallException.class, () -> value(refused));
    assertEquals(RaftCallException.Reason.REJECTED, e.reason());
    assertTrue(e.getMessage().contains("negative delta"), e.getMessage());
    assertEquals(2, machine.getLastAppliedTermIndex().getIndex());
    assertEquals(5L, machine.read(counter::value));
  }

  @Test
  void passesLeaderChangesOn() {
    RaftGroupMemberId member = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("m1"), RaftGroupId.randomId());
    machine.notifyLeaderChanged(member, RaftPeerId.valueOf("m1"));
    machine.notifyLeaderChanged(member, RaftPeerId.valueOf("m2"));
    machine.notifyLeaderChanged(member, null);
    assertEquals(List.of(new LeaderChange(self, Optional.of(self)),
        new LeaderChange(self, Optional.of(ManagerPeerId.of("m2"))),
        new LeaderChange(self, Optional.empty())), changes);
    assertTrue(changes.get(0).selfLeads());
    assertFalse(changes.get(1).selfLeads());
    assertFalse(changes.get(2).selfLeads());
  }
}
