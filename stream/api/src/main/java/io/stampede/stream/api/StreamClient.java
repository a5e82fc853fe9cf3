package io.stampede.stream.api;

import io.stampede.common.id.StreamId;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * What a partition server uses to reach the stream layer: append blocks to a stream and read
 * them back, talking to the stream manager for metadata and straight to extent nodes for data.
 * Every future fails with {@link StreamException}.
 */
public interface StreamClient {
  /**
   * Appends {@code blocks} to the stream's open extent, contiguously and in order, and returns a
   * pointer to each. Completes only when every replica has the blocks durably (fsync). Appends
   * to one stream are ordered in call order. When the open extent reaches its target size it is
   * sealed and a new one opened. Each block is at most {@link #blockBytesMax()} bytes. A stream
   * never seen is created; a deleted one is not: the append fails {@link StreamErrorCode#DELETED}.
   */
  Future<List<ExtentPointer>> append(StreamId stream, List<Buffer> blocks);

  /** Reads one block, verified against its checksum, from any healthy replica. */
  Future<Buffer> read(ExtentPointer pointer);

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
   * Fails {@link StreamErrorCode#NOT_FOUND} when the pointer's extent is not part of the stream.
   */
  Future<Void> replay(StreamId stream, ExtentPointer after, Handler<StreamRecord> handler);

  /**
   * Deletes the stream ({@link StreamManagerApi#deleteStream}): idempotent, succeeds if the stream
   * does not exist. Once it completes, appends to the stream, in flight or later, fail with
   * {@link StreamErrorCode#DELETED} (as do {@link #replay}s), reads of its blocks may fail, and
   * its replicas are collected from the extent nodes' disks after the orphan grace period.
   */
  Future<Void> deleteStream(StreamId stream);

  /** The largest block an append accepts. */
  int blockBytesMax();

  /** A block of a stream and where it lives. */
  record StreamRecord(ExtentPointer pointer, Buffer data) {}
}
