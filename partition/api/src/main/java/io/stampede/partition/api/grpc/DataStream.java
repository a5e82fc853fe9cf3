package io.stampede.partition.api.grpc;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Object bytes carried by a stream of gRPC messages, as a {@code ReadStream<Buffer>}: pause,
 * resume and fetch go straight to the gRPC stream, so HTTP/2 flow control reaches the sender.
 * {@code endFailure} is asked at the end whether the stream really ended well (a gRPC response
 * ends with a status that may be an error); a non-null answer is delivered as an exception.
 *
 * <p>The end (or failure) of the source is latched: a short object's stream may end before the
 * reader has attached its handlers, and that end must still reach the reader once it does.
 * Data cannot be lost the same way because the source is paused until the reader resumes it.
 */
public final class DataStream<M> implements ReadStream<Buffer> {
  private final ReadStream<M> source;
  private final Function<M, Buffer> data;
  private final Supplier<Throwable> endFailure;
  private final Function<Throwable, Throwable> mapFailure;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;
  private boolean ended;
  private Throwable failure;
  private boolean delivered;
  private Runnable onFirstRead;

  public DataStream(ReadStream<M> source, Function<M, Buffer> data, Supplier<Throwable> endFailure,
      Function<Throwable, Throwable> mapFailure) {
    this.source = source;
    this.data = data;
    this.endFailure = endFailure;
    this.mapFailure = mapFailure;
    source.exceptionHandler(t -> {
      failure = mapFailure.apply(t);
      deliverEnd();
    });
    source.endHandler(v -> {
      ended = true;
      Throwable bad = endFailure.get();
      if (bad != null) {
        failure = mapFailure.apply(bad);
      }
      deliverEnd();
    });
  }

  /**
   * Runs {@code action} once, when the reader first asks for data (sets a handler, resumes or
   * fetches): an upload's server answers its headers then, telling the sender the body is wanted.
   */
  public DataStream<M> onFirstRead(Runnable action) {
    this.onFirstRead = action;
    return this;
  }

  private void reading() {
    Runnable action = onFirstRead;
    if (action != null) {
      onFirstRead = null;
      action.run();
    }
  }

  private void deliverEnd() {
    if (delivered) {
      return;
    }
    if (failure != null && exceptionHandler != null) {
      delivered = true;
      exceptionHandler.handle(failure);
    } else if (failure == null && ended && endHandler != null) {
      delivered = true;
      endHandler.handle(null);
    }
  }

  @Override
  public DataStream<M> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    deliverEnd();
    return this;
  }

  @Override
  public DataStream<M> handler(Handler<Buffer> handler) {
    source.handler(handler == null ? null : m -> handler.handle(data.apply(m)));
    if (handler != null) {
      reading();
    }
    return this;
  }

  @Override
  public DataStream<M> pause() {
    source.pause();
    return this;
  }

  @Override
  public DataStream<M> resume() {
    reading();
    source.resume();
    return this;
  }

  @Override
  public DataStream<M> fetch(long amount) {
    reading();
    source.fetch(amount);
    return this;
  }

  @Override
  public DataStream<M> endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    deliverEnd();
    return this;
  }
}
