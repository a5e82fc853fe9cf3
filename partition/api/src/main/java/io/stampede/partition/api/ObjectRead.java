package io.stampede.partition.api;

import io.stampede.common.key.ByteRange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An object being read: its metadata, the span of bytes that {@code body} delivers (the whole
 * object unless {@code partial}), and the bytes themselves as a paused-capable stream in
 * bounded chunks. The reader must consume {@code body} to its end or failure, or call
 * {@link #cancel()}: a reader that goes away (an S3 client disconnecting mid-download) cancels, so
 * the source stops reading blocks and releases its stream instead of being drained or left open.
 */
public record ObjectRead(
    ObjectInfo info, ByteRange.Span span, boolean partial, ReadStream<Buffer> body, Runnable canceller) {
  /** Stops the body: it emits nothing more, neither data nor end, and its source is released. */
  public void cancel() {
    body.handler(null).endHandler(null).exceptionHandler(null);
    canceller.run();
  }

  public ObjectRead withInfo(ObjectInfo newInfo) {
    return new ObjectRead(newInfo, span, partial, body, canceller);
  }
}
