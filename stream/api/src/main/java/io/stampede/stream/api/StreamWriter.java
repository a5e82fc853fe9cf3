package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * The one writer of a stream under one owner epoch, from {@link StreamClient#claim}. Once the
 * stream is claimed again (by anyone), every append of this writer, queued, in flight or later,
 * fails {@link StreamErrorCode#FENCED}: extent nodes and the stream manager refuse its epoch, so
 * its blocks never land behind the new owner's.
 */
public interface StreamWriter {
  StreamId stream();

  /** The owner epoch this writer appends under. */
  long epoch();

  /**
   * Appends {@code blocks} to the stream's open extent, contiguously and in order, and returns a
   * pointer to each. Completes only when every replica (three, in three racks) has the blocks
   * durably (fsync). Appends are ordered in call order. When the open extent reaches its target
   * size it is sealed and a new one opened. Each block is at most
   * {@link StreamClient#blockBytesMax()} bytes. Fails {@link StreamErrorCode#DELETED} once the
   * stream is deleted and {@link StreamErrorCode#FENCED} once it is claimed again.
   */
  Future<List<ExtentPointer>> append(List<Buffer> blocks);

  /**
   * Drops sealed extents of the stream that nothing points into any more
   * ({@link StreamManagerApi#dropExtents}), under this writer's epoch, and answers the stream as
   * it is after. Fails {@link StreamErrorCode#FENCED} once the stream is claimed again.
   */
  Future<StreamInfo> drop(List<ExtentId> extents);
}
