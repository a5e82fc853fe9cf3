package io.stampede.microbench;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body as the HTTP server hands it over: pieces delivered synchronously in order,
 * honouring pause and fetch, then the end. One instance per request; the pieces (never changed
 * by consumers) are cut once and shared.
 */
final class PiecesSource implements ReadStream<Buffer> {
  private final List<Buffer> pieces;
  private int next;
  private long demand = Long.MAX_VALUE;
  private boolean emitting;
  private boolean ended;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  PiecesSource(List<Buffer> pieces) {
    this.pieces = pieces;
  }

  /** {@code data} cut into pieces of {@code size} bytes. */
  static List<Buffer> cut(byte[] data, int size) {
    List<Buffer> list = new ArrayList<>();
    for (int i = 0; i < data.length; i += size) {
      list.add(Buffer.buffer().appendBytes(data, i, Math.min(size, data.length - i)));
    }
    return List.copyOf(list);
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
    return this;
  }

  private void emit() {
    if (emitting || handler == null) {
      return;
    }
    emitting = true;
    try {
      while (demand > 0 && next < pieces.size()) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(pieces.get(next++));
      }
      if (next == pieces.size() && !ended && endHandler != null) {
        ended = true;
        endHandler.handle(null);
      }
    } finally {
      emitting = false;
    }
  }
}
