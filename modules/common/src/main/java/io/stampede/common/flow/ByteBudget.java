package io.stampede.common.flow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An asynchronous semaphore counted in bytes: bounds the object bytes one server holds in flight
 * for one purpose (blob blocks being appended, blob blocks being read) across all its requests.
 * {@link #acquire} completes once the bytes fit under {@link #bytesMax()}; until then the caller
 * holds back (pauses its body, reads no further block) instead of buffering.
 *
 * <p>Waiters are served in arrival order, so a large request is never starved by a stream of
 * small ones. A request larger than the whole budget is granted alone, once nothing else is held:
 * it waits, but never forever, so no request size can deadlock the budget. Every acquired byte
 * must be {@link #release released} exactly once, also by a caller that gave up while waiting
 * (its grant still comes). Two budgets must never be held in a cycle (a copy reads with one and
 * writes with another, never both from one budget).
 *
 * <p>Thread-safe. A grant that had to wait completes its future on the thread that released the
 * bytes: callers hop back to their own context.
 */
public final class ByteBudget {
  private final String name;
  private final long bytesMax;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private long held;

  /** A budget of {@code bytesMax} bytes (at least 1); {@code name} appears in its toString. */
  public ByteBudget(String name, long bytesMax) {
    if (bytesMax < 1) {
      throw new IllegalArgumentException(name + ": bytesMax must be >= 1, got " + bytesMax);
    }
    this.name = name;
    this.bytesMax = bytesMax;
  }

  /** Completes once {@code bytes} (at least 0) are granted; already completed when they fit now. */
  public Future<Void> acquire(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException(name + ": cannot acquire " + bytes + " bytes");
    }
    synchronized (this) {
      if (waiters.isEmpty() && fits(bytes)) {
        held += bytes;
        return Future.succeededFuture();
      }
      Waiter w = new Waiter(bytes, Promise.promise());
      waiters.add(w);
      return w.granted.future();
    }
  }

  /** Gives back {@code bytes} acquired earlier, granting waiters they now make room for. */
  public void release(long bytes) {
    List<Promise<Void>> granted = new ArrayList<>();
    synchronized (this) {
      if (bytes < 0 || bytes > held) {
        throw new IllegalStateException(this + ": cannot release " + bytes + " bytes");
      }
      held -= bytes;
      while (!waiters.isEmpty() && fits(waiters.peek().bytes)) {
        Waiter w = waiters.poll();
        held += w.bytes;
        granted.add(w.granted);
      }
    }
    granted.forEach(Promise::complete);
  }

  private boolean fits(long bytes) {
    return held == 0 || held + bytes <= bytesMax;
  }

  public long bytesMax() {
    return bytesMax;
  }

  /** Bytes granted and not yet released (above {@link #bytesMax()} only for one oversized grant). */
  public synchronized long held() {
    return held;
  }

  /** Callers waiting for a grant. */
  public synchronized int waiting() {
    return waiters.size();
  }

  @Override
  public synchronized String toString() {
    return name + " budget " + held + "/" + bytesMax + " bytes, " + waiters.size() + " waiting";
  }

  private record Waiter(long bytes, Promise<Void> granted) {}
}
