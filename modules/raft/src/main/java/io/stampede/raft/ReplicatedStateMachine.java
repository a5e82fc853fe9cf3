package io.stampede.raft;

import io.stampede.common.id.ManagerPeerId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts a {@link ReplicatedState} to Ratis: applies committed log entries as commands, answers
 * read-only queries, snapshots the whole state as one {@link SnapshotFile} and loads the newest
 * snapshot on start and after a snapshot was installed from the leader (Ratis pauses the machine,
 * writes the leader's files, then reinitializes it). Replies travel in a {@link ReplyEnvelope}, so
 * a refused command is an answer, never a failed apply. Leader changes are passed on as
 * {@link LeaderChange}s. One lock serializes the domain state between Ratis' apply thread, query
 * threads and local readers.
 */
final class ReplicatedStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(ReplicatedStateMachine.class);

  private final ManagerPeerId self;
  private final ReplicatedState state;
  private final Consumer<LeaderChange> leaderChanges;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final Object lock = new Object();

  ReplicatedStateMachine(ManagerPeerId self, ReplicatedState state, Consumer<LeaderChange> leaderChanges) {
    this.self = self;
    this.state = state;
    this.leaderChanges = leaderChanges;
  }

  /** Runs {@code reader} on the local state under the state lock. */
  <T> T read(Supplier<T> reader) {
    synchronized (lock) {
      return reader.get();
    }
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(() -> load(storage.loadLatestSnapshot()), IOException.class);
  }

  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  @Override
  public void reinitialize() throws IOException {
    load(storage.loadLatestSnapshot());
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  private void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      return;
    }
    byte[] bytes = SnapshotFile.read(snapshot.getFile().getPath());
    synchronized (lock) {
      state.restore(bytes);
      setLastAppliedTermIndex(snapshot.getTermIndex());
    }
    log.info("{} loaded snapshot {} ({} bytes)", self, snapshot.getTermIndex(), bytes.length);
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last;
    byte[] bytes;
    synchronized (lock) {
      last = getLastAppliedTermIndex();
      bytes = state.snapshot();
    }
    Path file = storage.getSnapshotFile(last.getTerm(), last.getIndex()).toPath();
    MD5Hash digest = SnapshotFile.write(file, bytes);
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, digest), last));
    log.debug("{} wrote snapshot {} ({} bytes)", self, last, bytes.length);
    return last.getIndex();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    byte[] command = entry.getStateMachineLogEntry().getLogData().toByteArray();
    synchronized (lock) {
      // The entry counts as applied even when refused: every peer refuses it alike.
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
      try {
        return CompletableFuture.completedFuture(message(ReplyEnvelope.done(state.apply(command))));
      } catch (IllegalArgumentException e) {
        log.warn("{} refused the command at index {}: {}", self, entry.getIndex(), e.getMessage());
        return CompletableFuture.completedFuture(message(ReplyEnvelope.refused(e.getMessage())));
      }
    }
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    byte[] query = request.getContent().toByteArray();
    synchronized (lock) {
      try {
        return CompletableFuture.completedFuture(message(ReplyEnvelope.done(state.query(query))));
      } catch (IllegalArgumentException e) {
        return CompletableFuture.completedFuture(message(ReplyEnvelope.refused(e.getMessage())));
      }
    }
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    leaderChanges.accept(new LeaderChange(self,
        Optional.ofNullable(newLeaderId).map(id -> ManagerPeerId.of(id.toString()))));
  }

  private static Message message(byte[] bytes) {
    ByteString content = UnsafeByteOperations.unsafeWrap(bytes);
    return Message.valueOf(content);
  }
}
