package io.stampede.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Prints a line every few seconds while a phase runs: server, phase, done/total, current rate. */
final class Progress implements AutoCloseable {
  private final PrintStream err;
  private final long periodMs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-progress");
    t.setDaemon(true);
    return t;
  });

  Progress(PrintStream err, long periodMs) {
    this.err = err;
    this.periodMs = periodMs;
  }

  void say(String line) {
    err.println("bench: " + line);
  }

  /** Reports {@code done} of {@code total} and the rate of {@code amount} until the returned handle is closed. */
  Ticker track(String what, int total, Unit unit, AtomicInteger done, AtomicLong amount) {
    long start = System.nanoTime();
    long[] last = {start, 0};
    ScheduledFuture<?> task = timer.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      long a = amount.get();
      double rate = unit.rate(a - last[1], now - last[0]);
      last[0] = now;
      last[1] = a;
      say(String.format(Locale.ROOT, "%s %d/%d, %.1f %s, %d s", what, done.get(), total, rate, unit.label(),
          (now - start) / 1_000_000_000L));
    }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** Stops the reports of one phase. */
  interface Ticker extends AutoCloseable {
    @Override
    void close();
  }
}
