package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.vertx.core.Future;
import java.util.List;

/**
 * The stream manager: stream and extent metadata, replica placement, failure detection and
 * repair. Off the data path. Every future fails with {@link StreamException}.
 */
public interface StreamManagerApi {
  /** {@link #sealAndExtend} length meaning: seal at the shortest reachable replica's length. */
  long SEAL_AT_COMMIT_LENGTH = -1;

  /**
   * An extent node reports itself, its free space and its replicas (on start, then every
   * heartbeat interval). A node not heard from for the manager's node timeout is dead. The reply
   * says which stale or unreferenced replicas to delete or seal. Idempotent.
   */
  Future<HeartbeatReply> heartbeat(NodeHeartbeat heartbeat);

  /**
   * Makes the caller the stream's one writer: raises the stream's owner epoch (committed through
   * Raft) and, if its last extent is open, seals it at its commit length under the new epoch, so
   * that every block an earlier writer had acknowledged lies below the sealed length and extent
   * nodes refuse anything an earlier writer still sends. Answers the stream with its new epoch.
   * Creates the stream (without extents) if it does not exist yet. Not idempotent: every call is a
   * new owner. Fails {@link StreamErrorCode#DELETED} for a stream deleted by {@link #deleteStream}
   * (a deleted stream is never silently created again while the manager remembers its deletion:
   * at least its deleted-stream retention, 24 hours by default; after that the id is new again),
   * {@link StreamErrorCode#UNAVAILABLE} when no replica of the open extent could be sealed (the
   * epoch is raised all the same).
   */
  Future<StreamInfo> claimStream(StreamId stream);

  /**
   * The stream with an open last extent for its writer of {@code epoch}: the open one, or a new
   * one (replicas created on three extent nodes in three racks, owned by {@code epoch}) when the
   * stream has none. Idempotent. Fails {@link StreamErrorCode#FENCED} unless {@code epoch} is the
   * stream's current owner epoch, {@link StreamErrorCode#NOT_FOUND} for a stream never claimed,
   * {@link StreamErrorCode#DELETED} for a deleted one.
   */
  Future<StreamInfo> openStream(StreamId stream, long epoch);

  /**
   * The stream as it is, for readers; changes nothing. Fails {@link StreamErrorCode#NOT_FOUND}
   * for a stream that does not exist, {@link StreamErrorCode#DELETED} for a deleted one.
   */
  Future<StreamInfo> describeStream(StreamId stream);

  /**
   * Seals the stream's last extent {@code extent} and appends a new open extent on healthy nodes,
   * for the stream's writer of {@code epoch}. With {@code sealedLength}
   * {@link #SEAL_AT_COMMIT_LENGTH} the manager asks every reachable replica for its length and
   * seals them all at the smallest among those that did not cut a torn tail (the commit length:
   * every acknowledged append is below it); otherwise at {@code sealedLength}. Replicas that
   * cannot be reached are sealed (or replaced) later. If {@code extent} is already sealed,
   * answers the stream as it is, its sealed length included (idempotent). Fails
   * {@link StreamErrorCode#FENCED} unless {@code epoch} is the stream's current owner epoch,
   * {@link StreamErrorCode#DELETED} for a deleted stream.
   */
  Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength, long epoch);

  /**
   * Drops sealed extents from the stream for its writer of {@code epoch} (garbage collection: no
   * index points into them any more): they leave the stream's metadata (replicated), so replays
   * skip them, and their replicas become orphans that each extent node deletes after the orphan
   * grace period (reads holding an old pointer keep working for that long). Extents no longer in
   * the stream are skipped (idempotent). Fails {@link StreamErrorCode#FENCED} unless {@code epoch}
   * is the stream's current owner epoch, {@link StreamErrorCode#NOT_SEALED} for an open extent or
   * the stream's last one, {@link StreamErrorCode#DELETED} for a deleted stream.
   */
  Future<StreamInfo> dropExtents(StreamId stream, List<ExtentId> extents, long epoch);

  /**
   * Deletes the stream: its open extent is sealed on every reachable replica (appends in flight
   * or later fail, and the appending client learns {@link StreamErrorCode#DELETED} from the
   * manager), then the stream and its extents leave the metadata (replicated: the deletion
   * survives a leader change) and the stream's id is remembered as deleted ({@link #openStream}).
   * Completes once that is committed. The replicas are then unreferenced: each extent node
   * deletes its files after the manager's orphan grace period, so reads of the stream's extents
   * may go on working for that long and fail after. Idempotent: succeeds if the stream does not
   * exist or is already deleted (a stream never opened is remembered as deleted too).
   */
  Future<Void> deleteStream(StreamId stream);

  /**
   * A reader found a block of {@code extent} on {@code node} failing its checksum: the replica is
   * dropped (sealing the extent first if it is open), deleted, and re-replicated from a healthy
   * one. Idempotent.
   */
  Future<Void> reportCorrupt(ExtentId extent, ExtentNodeId node);

  /** Every extent node and stream, for status views and invariant checks. */
  Future<StampStreams> describe();

  /**
   * A snapshot of the stream layer: nodes, streams, and how many extents have fewer than three
   * replicas on live nodes.
   */
  record StampStreams(List<NodeStatus> nodes, List<StreamInfo> streams, int underReplicated) {
    public StampStreams {
      nodes = List.copyOf(nodes);
      streams = List.copyOf(streams);
    }
  }

  /**
   * One extent node as the manager sees it: alive (heard from within the node timeout), its free
   * bytes, and the replicas (count and bytes) it last reported.
   */
  record NodeStatus(ExtentNodeInfo node, boolean alive, long freeBytes, int replicas,
      long replicaBytes) {}
}
