package io.stampede.bench;

import java.time.Instant;
import java.util.List;

/**
 * One run of the bench: its scale, warm-up scale and rounds, this machine's ceilings and each
 * server's figures, in run order.
 */
record BenchReport(Instant started, double scale, double warmup, int rounds, MachineCeilings machine, List<ServerReport> servers) {}
