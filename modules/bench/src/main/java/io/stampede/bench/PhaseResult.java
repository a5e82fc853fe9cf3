package io.stampede.bench;

/**
 * The measured part of one workload phase against one server.
 *
 * @param id stable machine-readable name ({@code put_4k}, {@code mixed}, ...), the JSON key
 * @param label what the table shows
 * @param value the figure, in {@code unit}
 * @param p50Ms median request latency
 * @param p99Ms 99th percentile request latency
 * @param ops requests measured
 * @param amount what {@code value} counts: requests, object bytes or keys
 * @param nanos wall time of the measured part
 * @param serverCpuSeconds the server's CPU time over the phase (warm-up included); NaN if its pid is unknown
 */
record PhaseResult(String id, String label, Unit unit, double value, double p50Ms, double p99Ms,
    long ops, long amount, long nanos, double serverCpuSeconds) {
  double seconds() {
    return nanos / 1e9;
  }
}
