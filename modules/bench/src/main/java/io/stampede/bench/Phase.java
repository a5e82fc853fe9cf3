package io.stampede.bench;

import java.util.function.IntToLongFunction;

/**
 * One measured row of the table: {@code warmup} unmeasured requests, then {@code count}, each
 * on {@code concurrency} threads. A request is an {@link IntToLongFunction} from its index to
 * what it did in {@code unit}s (1 request, bytes, keys); it throws to fail the run.
 */
record Phase(String id, String label, Unit unit, int count, int concurrency, int warmup,
    IntToLongFunction warmupRequest, IntToLongFunction request) {}
