package io.stampede.frontend.testing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A back-pressured ReadStream over bytes in memory, delivered in bounded chunks. */
public final class ChunkedReadStream implements ReadStream<Buffer> {
  private final byte[] data;
  private final int chunkBytes;
  private int pos;
  private final int end;
  private long demand = Long.MAX_VALUE;
  private boolean emitting;
  private boolean ended;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  public ChunkedReadStream(byte[] data, int from, int to, int chunkBytes) {
    this.data = data;
    this.pos = from;
    this.end = to;
    this.chunkBytes = chunkBytes;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> h) {
    handler = h;
    emit();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    emit();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    endHandler = h;
    emit();
    return this;
  }

  private void emit() {
    if (emitting || handler == null) {
      return;
    }
    emitting = true;
    try {
      while (demand > 0 && pos < end) {
        int n = Math.min(chunkBytes, end - pos);
        Buffer b = Buffer.buffer().appendBytes(data, pos, n);
        pos += n;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(b);
      }
      if (pos >= end && !ended && endHandler != null) {
        ended = true;
        endHandler.handle(null);
      }
    } finally {
      emitting = false;
    }
  }
}
