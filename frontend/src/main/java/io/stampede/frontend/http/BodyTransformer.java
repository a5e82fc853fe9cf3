package io.stampede.frontend.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * A back-pressured {@link ReadStream} stage over another one. Subclasses turn each source buffer
 * into zero or more output buffers ({@link #emit}) and may {@link #fail} instead of ending. Flow
 * control passes through: the source is paused while the consumer has no demand or output is
 * queued, so at most the output of one source buffer is ever held here.
 */
public abstract class BodyTransformer implements ReadStream<Buffer> {
  private final ReadStream<Buffer> source;
  private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
  private long demand = Long.MAX_VALUE;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean sourceEnded;
  private boolean done;
  private boolean sourcePaused = true;
  private Throwable failure;

  protected BodyTransformer(ReadStream<Buffer> source) {
    this.source = source;
  }

  /** Handles one source buffer; calls {@link #emit} and/or {@link #fail}. */
  protected abstract void onData(Buffer buffer);

  /** The source ended; verify and {@link #fail} if something is wrong. */
  protected abstract void onSourceEnd();

  /** The failure this stream ended with, or null. */
  public Throwable failure() {
    return failure;
  }

  protected final void emit(Buffer buffer) {
    if (!done && buffer.length() > 0) {
      pending.add(buffer);
    }
  }

  protected final void fail(Throwable t) {
    if (done) {
      return;
    }
    done = true;
    failure = t;
    pending.clear();
    if (exceptionHandler != null) {
      exceptionHandler.handle(t);
    }
  }

  protected final boolean isDone() {
    return done;
  }

  @Override
  public BodyTransformer handler(Handler<Buffer> h) {
    this.handler = h;
    if (h == null) {
      source.handler(null);
      return this;
    }
    source.exceptionHandler(this::fail);
    source.endHandler(v -> {
      if (!done) {
        sourceEnded = true;
        onSourceEnd();
        drain();
      }
    });
    source.handler(b -> {
      if (!done) {
        onData(b);
        drain();
      }
    });
    drain();
    return this;
  }

  @Override
  public BodyTransformer pause() {
    demand = 0;
    pauseSource();
    return this;
  }

  @Override
  public BodyTransformer resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public BodyTransformer fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    drain();
    return this;
  }

  @Override
  public BodyTransformer endHandler(Handler<Void> h) {
    this.endHandler = h;
    return this;
  }

  @Override
  public BodyTransformer exceptionHandler(Handler<Throwable> h) {
    this.exceptionHandler = h;
    return this;
  }

  private void drain() {
    if (handler == null) {
      return;
    }
    while (demand > 0 && !pending.isEmpty() && !done) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(pending.poll());
    }
    if (done) {
      return;
    }
    if (pending.isEmpty() && sourceEnded) {
      done = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
    } else if (pending.isEmpty() && demand > 0) {
      resumeSource();
    } else {
      pauseSource();
    }
  }

  private void pauseSource() {
    if (!sourcePaused && !sourceEnded) {
      sourcePaused = true;
      source.pause();
    }
  }

  private void resumeSource() {
    if (sourcePaused && !sourceEnded) {
      sourcePaused = false;
      source.resume();
    }
  }
}
