package io.stampede.frontend.testing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.List;

/** A ReadStream delivering given pieces, honouring pause/fetch; can fail instead of ending. */
public final class PiecesReadStream implements ReadStream<Buffer> {
  private final ArrayDeque<Buffer> pieces;
  private long demand = Long.MAX_VALUE;
  private boolean emitting;
  private boolean ended;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  /** How many pieces were handed out while paused (must stay 0). */
  public int deliveredWhilePaused;

  public PiecesReadStream(List<Buffer> pieces) {
    this.pieces = new ArrayDeque<>(pieces);
  }

  /** {@code data} cut into pieces of {@code size} bytes. */
  public static PiecesReadStream of(byte[] data, int size) {
    List<Buffer> list = new java.util.ArrayList<>();
    for (int i = 0; i < data.length; i += size) {
      list.add(Buffer.buffer().appendBytes(data, i, Math.min(size, data.length - i)));
    }
    return new PiecesReadStream(list);
  }

  /** {@code data} cut in two at {@code at}. */
  public static PiecesReadStream split(byte[] data, int at) {
    return new PiecesReadStream(List.of(
        Buffer.buffer().appendBytes(data, 0, at), Buffer.buffer().appendBytes(data, at, data.length - at)));
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
      while (demand > 0 && !pieces.isEmpty()) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(pieces.poll());
      }
      if (demand == 0 && !pieces.isEmpty()) {
        return;
      }
      if (pieces.isEmpty() && !ended && endHandler != null) {
        ended = true;
        endHandler.handle(null);
      }
    } finally {
      emitting = false;
    }
  }
}
