package io.stampede.partition.manager;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.ManagerQueryMsg;
import io.stampede.proto.storage.ManagerCommandMsg;
import io.stampede.raft.ReplicatedState;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts {@link PartitionAssignment} to Raft: applies {@code ManagerCommandMsg}s from the log
 * (each reply is the resulting {@code PartitionMapMsg}), answers {@code ManagerQueryMsg}s, and
 * snapshots the state as one {@code AssignmentStateMsg}; log entries and snapshots are the
 * storage formats of {@link AssignmentCodec}, replies and queries are never stored. Not
 * thread-safe: {@link io.stampede.raft.ReplicatedPeer} serializes every call, local reads included.
 */
public final class PartitionManagerStateMachine implements ReplicatedState {
  private static final Logger log = LoggerFactory.getLogger(PartitionManagerStateMachine.class);

  private final String logId;
  private PartitionAssignment assignment = new PartitionAssignment();
  private long commandsApplied;
  private long rangesAssigned;
  private long splits;
  private long merges;
  private long moves;

  public PartitionManagerStateMachine(String logId) {
    this.logId = logId;
  }

  /** The current local state (possibly behind the leader's; use Raft queries for linearizability). */
  public PartitionAssignment assignment() {
    return assignment;
  }

  /** Commands this peer applied since it started (replayed ones included). */
  public long commandsApplied() {
    return commandsApplied;
  }

  /** Splits, merges and moves this peer applied since it started. */
  public long splits() {
    return splits;
  }

  public long merges() {
    return merges;
  }

  public long moves() {
    return moves;
  }

  /** Ranges this peer saw (re)assigned to a server since it started. */
  public long rangesAssigned() {
    return rangesAssigned;
  }

  @Override
  public byte[] apply(byte[] command) {
    apply(AssignmentCodec.decodeCommand(command));
    commandsApplied++;
    return mapBytes();
  }

  private void apply(ManagerCommandMsg c) {
    switch (c.getKindCase()) {
      case INITIALIZE -> {
        if (assignment.initialize(c.getInitialize().getSplitPointsList())) {
          log.info("{} created ranges {}", logId, assignment.ranges());
        }
      }
      case HEARTBEAT -> {
        ManagerCommandMsg.HeartbeatCmd h = c.getHeartbeat();
        assignment.heartbeat(AssignmentCodec.report(h), h.getNowMs(), h.getLeaseMs());
      }
      case ASSIGN_ORPHANS -> {
        int moved = assignment.assignOrphans(c.getAssignOrphans().getNowMs(), c.getAssignOrphans().getGraceMs());
        rangesAssigned += moved;
        if (moved > 0) {
          log.info("{} assigned {} range(s): {}", logId, moved, assignment.ranges());
        }
      }
      case ASSIGN -> {
        if (assignment.assign(PartitionId.of(c.getAssign().getPartitionId()),
            PartitionServerId.of(c.getAssign().getServerId()))) {
          rangesAssigned++;
        }
      }
      case SPLIT -> {
        ManagerCommandMsg.SplitCmd cmd = c.getSplit();
        PartitionId id = PartitionId.of(cmd.getPartitionId());
        List<PartitionEntry> halves = assignment.split(id,
            cmd.getKey().isEmpty() ? Optional.empty() : Optional.of(cmd.getKey()), cmd.getNowMs());
        splits++;
        log.info("{} split {} into {} and {}", logId, id, halves.get(0), halves.get(1));
      }
      case MERGE -> {
        PartitionId id = PartitionId.of(c.getMerge().getPartitionId());
        PartitionEntry merged = assignment.merge(id, c.getMerge().getNowMs());
        merges++;
        log.info("{} merged {} and its right neighbour into {}", logId, id, merged);
      }
      case MOVE -> {
        PartitionId id = PartitionId.of(c.getMove().getPartitionId());
        PartitionServerId to = PartitionServerId.of(c.getMove().getServerId());
        assignment.move(id, to, c.getMove().getNowMs());
        moves++;
        log.info("{} moves {} to {}", logId, id, to);
      }
      case FORGET_RETIRED -> {
        PartitionId id = PartitionId.of(c.getForgetRetired().getPartitionId());
        assignment.forgetRetired(id);
        log.info("{} forgot retired range {}: its streams are deleted", logId, id);
      }
      case REPLACE -> {
        assignment.replace(AssignmentCodec.ranges(c.getReplace()));
        log.info("{} replaced every range: {}", logId, assignment.ranges());
      }
      default -> log.warn("{} ignores an empty command", logId);
    }
  }

  @Override
  public byte[] query(byte[] query) {
    try {
      ManagerQueryMsg.parseFrom(query);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a ManagerQueryMsg: " + e.getMessage(), e);
    }
    return mapBytes();
  }

  @Override
  public byte[] snapshot() {
    return AssignmentCodec.encode(assignment);
  }

  @Override
  public void restore(byte[] snapshot) {
    try {
      assignment = AssignmentCodec.decode(snapshot);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(logId + " cannot read its partition manager snapshot", e);
    }
    log.info("{} restored map v{} ({} ranges)", logId, assignment.version(), assignment.ranges().size());
  }

  private byte[] mapBytes() {
    return PartitionProtos.toMsg(assignment.map()).toByteArray();
  }
}
