package io.stampede.partition.testkit;

import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/** Blocking helpers for tests. */
public final class Await {
  private Await() {}

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  public static PartitionErrorCode failure(Future<?> f) {
    PartitionException e = Assertions.assertThrows(PartitionException.class, () -> await(f));
    return e.code();
  }

  public static Buffer readAll(ReadStream<Buffer> body) {
    Promise<Buffer> p = Promise.promise();
    Buffer all = Buffer.buffer();
    body.exceptionHandler(p::tryFail);
    body.endHandler(v -> p.tryComplete(all));
    body.handler(all::appendBuffer);
    body.resume();
    return await(p.future());
  }
}
