package io.stampede.partition.range;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/** Counts the writes of a range in flight, so that closing it can wait for them. Thread-safe. */
final class InFlight {
  private int count;
  private Promise<Void> idle;

  synchronized void begin() {
    count++;
  }

  synchronized void end() {
    if (--count == 0 && idle != null) {
      idle.tryComplete();
      idle = null;
    }
  }

  synchronized int count() {
    return count;
  }

  /** Completes once no write is in flight. */
  synchronized Future<Void> idle() {
    if (count == 0) {
      return Future.succeededFuture();
    }
    if (idle == null) {
      idle = Promise.promise();
    }
    return idle.future();
  }
}
