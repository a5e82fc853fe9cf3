package io.stampede.partition.api.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A request body that remembers whether any byte has been handed on (after which no retry is possible). */
final class WatchedBody implements ReadStream<Buffer> {
  private final ReadStream<Buffer> body;
  private volatile boolean touched;

  WatchedBody(ReadStream<Buffer> body) {
    this.body = body;
  }

  boolean untouched() {
    return !touched;
  }

  @Override
  public WatchedBody exceptionHandler(Handler<Throwable> handler) {
    body.exceptionHandler(handler == null ? null : t -> {
      touched = true;
      handler.handle(t);
    });
    return this;
  }

  @Override
  public WatchedBody handler(Handler<Buffer> handler) {
    body.handler(handler == null ? null : b -> {
      touched = true;
      handler.handle(b);
    });
    return this;
  }

  @Override
  public WatchedBody pause() {
    body.pause();
    return this;
  }

  @Override
  public WatchedBody resume() {
    body.resume();
    return this;
  }

  @Override
  public WatchedBody fetch(long amount) {
    body.fetch(amount);
    return this;
  }

  @Override
  public WatchedBody endHandler(Handler<Void> endHandler) {
    body.endHandler(endHandler == null ? null : v -> {
      touched = true;
      endHandler.handle(null);
    });
    return this;
  }
}
