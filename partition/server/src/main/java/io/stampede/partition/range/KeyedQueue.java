package io.stampede.partition.range;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the writes of one index key one after another: each starts when the previous write of
 * that key has completed (either way). This is what makes a conditional write's check and its
 * commit atomic, and keeps a key's commit-log records in the order their effects were decided.
 * Writes of different keys run concurrently; idle keys hold no state.
 */
final class KeyedQueue {
  private final Map<String, Future<?>> tails = new HashMap<>();

  synchronized <T> Future<T> run(String key, Supplier<Future<T>> write) {
    Future<?> previous = tails.get(key);
    Future<T> mine = previous == null
        ? start(write)
        : previous.transform(ignored -> start(write));
    tails.put(key, mine);
    mine.onComplete(ar -> {
      synchronized (this) {
        tails.remove(key, mine);
      }
    });
    return mine;
  }

  private static <T> Future<T> start(Supplier<Future<T>> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  synchronized int busyKeys() {
    return tails.size();
  }
}
