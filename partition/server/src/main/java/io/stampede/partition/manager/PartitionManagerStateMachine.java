package io.stampede.partition.manager;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.AssignmentStateMsg;
import io.stampede.proto.partition.ManagerCommandMsg;
import io.stampede.proto.partition.ManagerQueryMsg;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts {@link PartitionAssignment} to Raft: applies {@code ManagerCommandMsg}s from the log
 * (each reply is the resulting {@code PartitionMapMsg}), answers {@code ManagerQueryMsg}s, and
 * snapshots the state as one {@code AssignmentStateMsg} file in the state machine storage,
 * reloaded on restart.
 */
public final class PartitionManagerStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(PartitionManagerStateMachine.class);

  private final String logId;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private PartitionAssignment assignment = new PartitionAssignment();

  public PartitionManagerStateMachine(String logId) {
    this.logId = logId;
  }

  /** Reads the current local state (possibly behind the leader's; use Raft reads for linearizability). */
  public synchronized <T> T read(Function<PartitionAssignment, T> reader) {
    return reader.apply(assignment);
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    load(storage.loadLatestSnapshot());
  }

  @Override
  public void reinitialize() throws IOException {
    load(storage.loadLatestSnapshot());
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  private synchronized void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      return;
    }
    File file = snapshot.getFile().getPath().toFile();
    assignment = AssignmentCodec.fromMsg(AssignmentStateMsg.parseFrom(Files.readAllBytes(file.toPath())));
    setLastAppliedTermIndex(snapshot.getTermIndex());
    log.info("{} loaded snapshot {} (map v{})", logId, snapshot.getTermIndex(), assignment.version());
  }

  @Override
  public synchronized long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    try (FileOutputStream out = new FileOutputStream(file)) {
      AssignmentCodec.toMsg(assignment).writeTo((OutputStream) out);
      out.getChannel().force(true);
    }
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), null), last));
    return last.getIndex();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    ManagerCommandMsg command;
    try {
      command = ManagerCommandMsg.parseFrom(entry.getStateMachineLogEntry().getLogData().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (this) {
      apply(command);
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
      return CompletableFuture.completedFuture(mapMessage());
    }
  }

  private void apply(ManagerCommandMsg c) {
    switch (c.getKindCase()) {
      case INITIALIZE -> {
        if (assignment.initialize(c.getInitialize().getSplitPointsList())) {
          log.info("{} created ranges {}", logId, assignment.ranges());
        }
      }
      case HEARTBEAT -> assignment.heartbeat(PartitionProtos.fromMsg(c.getHeartbeat().getServer()),
          c.getHeartbeat().getNowMs(), c.getHeartbeat().getLeaseMs());
      case ASSIGN_ORPHANS -> {
        int moved = assignment.assignOrphans(c.getAssignOrphans().getNowMs(), c.getAssignOrphans().getGraceMs());
        if (moved > 0) {
          log.info("{} assigned {} range(s): {}", logId, moved, assignment.ranges());
        }
      }
      case ASSIGN -> assignment.assign(PartitionId.of(c.getAssign().getPartitionId()),
          PartitionServerId.of(c.getAssign().getServerId()));
      default -> log.warn("{} ignores an empty command", logId);
    }
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      ManagerQueryMsg.parseFrom(request.getContent().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (this) {
      return CompletableFuture.completedFuture(mapMessage());
    }
  }

  private Message mapMessage() {
    return Message.valueOf(ByteString.copyFrom(PartitionProtos.toMsg(assignment.map()).toByteArray()));
  }
}
