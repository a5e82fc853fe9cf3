package io.stampede.stream.manager;

import io.stampede.raft.RaftCallException;
import io.stampede.raft.ReplicatedPeer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * The metadata replicated by the stream manager's Raft group, as its leader uses it: commands are
 * submitted only while this peer leads (a deposed leader's late changes fail instead of reaching
 * the new leader), reads see the local state machine, which on the leader holds every command it
 * committed ({@link ReplicatedPeer}'s client completes after the leader applied).
 */
final class RaftMetadataStore implements MetadataStore {
  private final ReplicatedPeer<StreamManagerStateMachine> peer;

  RaftMetadataStore(ReplicatedPeer<StreamManagerStateMachine> peer) {
    this.peer = peer;
  }

  @Override
  public Future<Void> commit(StreamCommand command) {
    if (!peer.isLeader()) {
      return notLeader();
    }
    return peer.client().submit(command.encode()).<Void>mapEmpty()
        .recover(t -> Future.failedFuture(translate(t)));
  }

  @Override
  public <T> T read(Function<StreamMetadata, T> query) {
    return peer.read(sm -> query.apply(sm.metadata()));
  }

  @Override
  public Future<Void> sync() {
    if (!peer.isLeader()) {
      return notLeader();
    }
    return peer.client().query(StreamManagerStateMachine.SYNC).<Void>mapEmpty()
        .recover(t -> Future.failedFuture(translate(t)));
  }

  private Future<Void> notLeader() {
    return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
        peer.id() + " no longer leads the stream manager"));
  }

  private StreamException translate(Throwable t) {
    if (t instanceof StreamException e) {
      return e;
    }
    if (t instanceof RaftCallException e && e.reason() == RaftCallException.Reason.REJECTED) {
      return new StreamException(StreamErrorCode.INTERNAL, peer.id() + " refused: " + e.getMessage(), e);
    }
    return new StreamException(StreamErrorCode.UNAVAILABLE, peer.id() + " Raft: " + t.getMessage(), t);
  }
}
