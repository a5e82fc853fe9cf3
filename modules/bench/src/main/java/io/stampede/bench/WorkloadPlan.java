package io.stampede.bench;

/**
 * The shape of one standard workload at a given scale. Object workloads PUT {@code count}
 * objects of {@code objectBytes} then GET them back; multipart workloads upload {@code count}
 * objects of {@code parts} x {@code objectBytes} then GET them whole; listing pages over
 * {@code setupCount} keys {@code count} times; the mixed load runs {@code count} requests over
 * {@code setupCount} objects written first.
 *
 * @param concurrency requests in flight at once (one thread each)
 * @param warmup requests run first and not measured
 */
record WorkloadPlan(Kind kind, String id, String label, long objectBytes, int parts, int count,
    int concurrency, int warmup, int setupCount) {
  enum Kind { OBJECTS, MULTIPART, LISTING, MIXED }

  WorkloadPlan {
    if (count < 1 || concurrency < 1 || warmup < 0 || setupCount < 0 || parts < 0 || objectBytes < 0) {
      throw new IllegalArgumentException("bad workload plan " + id);
    }
  }
}
