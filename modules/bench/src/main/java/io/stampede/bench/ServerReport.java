package io.stampede.bench;

import java.net.URI;
import java.util.List;

/**
 * Everything measured against one server.
 *
 * @param pid the server's process id, -1 if unknown
 * @param cpuSeconds the server's CPU time over the workloads of one round (setup included, the average of the
 *     rounds); NaN if the pid is unknown
 * @param peakRssBytes the server's peak resident set over its life (VmHWM); -1 if unknown
 * @param verifiedReads GETs whose bytes were checked against what was PUT
 */
record ServerReport(String name, URI endpoint, long pid, List<PhaseResult> phases, double cpuSeconds,
    long peakRssBytes, long verifiedReads, long verifiedBytes) {
  PhaseResult phase(String id) {
    return phases.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
  }
}
