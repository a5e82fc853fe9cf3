package io.stampede.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.IntToLongFunction;

/**
 * Runs a {@link Phase}: its warm-up, then its measured requests on {@code concurrency} threads
 * pulling indices from one counter, timing each request. The first failure stops the phase and
 * is rethrown as a {@link BenchException} naming it.
 */
final class PhaseRunner {
  private final String server;
  private final Progress progress;
  private final DoubleSupplier serverCpuSeconds;

  /** {@code serverCpuSeconds} reads the server's CPU time so far (NaN if unknown). */
  PhaseRunner(String server, Progress progress, DoubleSupplier serverCpuSeconds) {
    this.server = server;
    this.progress = progress;
    this.serverCpuSeconds = serverCpuSeconds;
  }

  PhaseResult run(Phase phase) {
    double cpuBefore = serverCpuSeconds.getAsDouble();
    String what = server + " " + phase.label();
    if (phase.warmup() > 0) {
      runAll(what + " (warm-up)", phase, phase.warmup(), phase.warmupRequest(), new LatencyRecorder());
    }
    LatencyRecorder latencies = new LatencyRecorder();
    long start = System.nanoTime();
    long amount = runAll(what, phase, phase.count(), phase.request(), latencies);
    long nanos = System.nanoTime() - start;
    double cpu = serverCpuSeconds.getAsDouble() - cpuBefore;
    PhaseResult result = new PhaseResult(phase.id(), phase.label(), phase.unit(), phase.unit().rate(amount, nanos),
        latencies.percentileMs(0.50), latencies.percentileMs(0.99), latencies.count(), amount, nanos, cpu);
    progress.say(String.format(java.util.Locale.ROOT, "%s: %.1f %s, p50 %.1f ms, p99 %.1f ms (%d requests in %.1f s)",
        what, result.value(), result.unit().label(), result.p50Ms(), result.p99Ms(), result.ops(), result.seconds()));
    return result;
  }

  private long runAll(String what, Phase phase, int count, IntToLongFunction request, LatencyRecorder latencies) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicLong amount = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
        long t0 = System.nanoTime();
        try {
          amount.addAndGet(request.applyAsLong(i));
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
          return;
        }
        latencies.record(System.nanoTime() - t0);
        done.incrementAndGet();
      }
    };
    List<Thread> threads = new ArrayList<>();
    try (Progress.Ticker ticker = progress.track(what, count, phase.unit(), done, amount)) {
      for (int t = 0; t < Math.min(phase.concurrency(), count); t++) {
        Thread thread = new Thread(worker, "bench-" + phase.id() + "-" + t);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        join(thread);
      }
    }
    if (failure.get() != null) {
      throw new BenchException(what + " failed: " + failure.get(), failure.get());
    }
    return amount.get();
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }
}
