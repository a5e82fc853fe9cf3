package io.stampede.microbench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Payload MiB a benchmark moved, reported by JMH per second next to its ops/s (the {@code :mib} line). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class MibCounter {
  public double mib;

  @Setup(Level.Iteration)
  public void reset() {
    mib = 0;
  }

  /** Counts {@code bytes} moved. */
  void add(long bytes) {
    mib += bytes / (double) (1 << 20);
  }
}
