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
 */
public final class DataStream<M> implements ReadStream<Buffer> {
  private final ReadStream<M> source;
  private final Function<M, Buffer> data;
  private final Supplier<Throwable> endFailure;
  private final Function<Throwable, Throwable> mapFailure;
  private Handler<Throwable> exceptionHandler;

  public DataStream(ReadStream<M> source, Function<M, Buffer> data, Supplier<Throwable> endFailure,
      Function<Throwable, Throwable> mapFailure) {
    this.source = source;
    this.data = data;
    this.endFailure = endFailure;
    this.mapFailure = mapFailure;
  }

  @Override
  public DataStream<M> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    source.exceptionHandler(handler == null ? null : t -> handler.handle(mapFailure.apply(t)));
    return this;
  }

  @Override
  public DataStream<M> handler(Handler<Buffer> handler) {
    source.handler(handler == null ? null : m -> handler.handle(data.apply(m)));
    return this;
  }

  @Override
  public DataStream<M> pause() {
    source.pause();
    return this;
  }

  @Override
  public DataStream<M> resume() {
    source.resume();
    return this;
  }

  @Override
  public DataStream<M> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public DataStream<M> endHandler(Handler<Void> endHandler) {
    source.endHandler(endHandler == null ? null : v -> {
      Throwable failure = endFailure.get();
      if (failure == null) {
        endHandler.handle(null);
      } else if (exceptionHandler != null) {
        exceptionHandler.handle(mapFailure.apply(failure));
      }
    });
    return this;
  }
}
