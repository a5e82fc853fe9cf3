package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * What a partition server uses to reach the stream layer: claim a stream to write it, read blocks
 * back, talking to the stream manager for metadata and straight to extent nodes for data.
 * Every future fails with {@link StreamException}.
 */
public interface StreamClient {
  /**
   * Takes the stream over for writing ({@link StreamManagerApi#claimStream}): the stream manager
   * raises its owner epoch and seals its open extent at its commit length, so that every block
   * any earlier writer had acknowledged lies below that length and nothing an earlier writer still
   * sends can land. Completes with the writer bound to the new epoch. A stream never seen is
   * created; a deleted one fails {@link StreamErrorCode#DELETED}. Call it before the first write
   * of each stream a new owner writes, and before replaying a log it will append to.
   */
  Future<StreamWriter> claim(StreamId stream);

  /**
   * The stream's extents with their lengths and owner epoch ({@link StreamManagerApi#describeStream});
   * changes nothing.
   */
  Future<StreamInfo> describe(StreamId stream);

  /** Reads one block, verified against its checksum, from any healthy replica. */
  Future<Buffer> read(ExtentPointer pointer);

  /**
   * Where the replicas of {@code extent} serve its blocks ({@code http.BlockTransfer}), primary
   * first, for a reader that fetches them itself. Fails NOT_FOUND for an extent this client
   * cannot place, and by default: a client without extent nodes has no such places.
   */
  default Future<List<Endpoint>> replicas(ExtentId extent) {
    return Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND, "no replicas known of " + extent));
  }

  /**
   * Reads every block of the stream from its start, in order, calling {@code handler} for each
   * (one at a time, on the caller's context); completes after the last block.
   */
  default Future<Void> replay(StreamId stream, Handler<StreamRecord> handler) {
    return replay(stream, null, handler);
  }

  /**
   * Reads the blocks of the stream that come after the block at {@code after} (every block when
   * {@code after} is null), in order, calling {@code handler} for each (one at a time, on the
   * caller's context); completes after the last block. Extents before the pointer's are not read.
   * A stream never written replays nothing. Fails {@link StreamErrorCode#NOT_FOUND} when the
   * pointer's extent is not part of the stream.
   */
  Future<Void> replay(StreamId stream, ExtentPointer after, Handler<StreamRecord> handler);

  /**
   * Deletes the stream ({@link StreamManagerApi#deleteStream}): idempotent, succeeds if the stream
   * does not exist. Once it completes, its writers' appends, in flight or later, fail with
   * {@link StreamErrorCode#DELETED} (as do {@link #replay}s), reads of its blocks may fail, and
   * its replicas are collected from the extent nodes' disks after the orphan grace period.
   */
  Future<Void> deleteStream(StreamId stream);

  /** The largest block an append accepts. */
  int blockBytesMax();

  /** A block of a stream and where it lives. */
  record StreamRecord(ExtentPointer pointer, Buffer data) {}
}
