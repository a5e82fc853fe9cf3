package io.stampede.partition.testkit;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body in memory, delivered in chunks on a context with pause/resume honoured;
 * optionally fails after {@code failAfterBytes}, or {@link #stalling stalls} after its bytes.
 */
public final class BytesBody implements ReadStream<Buffer> {
  private final Context context;
  private final byte[] bytes;
  private final int chunk;
  private final long failAfterBytes;
  private final boolean stalls;
  private int at;
  private boolean paused;
  private boolean done;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  /** How often the consumer paused this body. */
  public int pauseCalls;

  public BytesBody(Context context, byte[] bytes, int chunk, long failAfterBytes) {
    this(context, bytes, chunk, failAfterBytes, false);
  }

  private BytesBody(Context context, byte[] bytes, int chunk, long failAfterBytes, boolean stalls) {
    this.context = context;
    this.bytes = bytes;
    this.chunk = chunk;
    this.failAfterBytes = failAfterBytes;
    this.stalls = stalls;
  }

  /** A body that sends {@code first} and then nothing, ever (neither ends nor fails): a client that stalls. */
  public static BytesBody stalling(Context context, byte[] first) {
    return new BytesBody(context, first, first.length, -1, true);
  }

  /** Whether a consumer ever asked for the bytes. */
  public boolean touched() {
    return handler != null;
  }

  public static BytesBody of(Context context, byte[] bytes) {
    return new BytesBody(context, bytes, 8192, -1);
  }

  @Override
  public BytesBody exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public BytesBody handler(Handler<Buffer> h) {
    handler = h;
    schedule();
    return this;
  }

  @Override
  public BytesBody pause() {
    paused = true;
    pauseCalls++;
    return this;
  }

  @Override
  public BytesBody resume() {
    paused = false;
    schedule();
    return this;
  }

  @Override
  public BytesBody fetch(long amount) {
    return resume();
  }

  @Override
  public BytesBody endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  private void schedule() {
    context.runOnContext(v -> step());
  }

  private void step() {
    if (paused || done || handler == null) {
      return;
    }
    if (failAfterBytes >= 0 && at >= failAfterBytes) {
      done = true;
      if (exceptionHandler != null) {
        exceptionHandler.handle(new IllegalStateException("client went away"));
      }
      return;
    }
    if (at >= bytes.length) {
      done = true;
      if (stalls) {
        return;
      }
      if (endHandler != null) {
        endHandler.handle(null);
      }
      return;
    }
    int n = Math.min(chunk, bytes.length - at);
    Buffer b = Buffer.buffer().appendBytes(bytes, at, n);
    at += n;
    handler.handle(b);
    schedule();
  }
}
