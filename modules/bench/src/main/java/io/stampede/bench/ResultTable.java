package io.stampede.bench;

import java.util.List;
import java.util.Locale;

/**
 * The one table {@code ./stamp bench} prints: a row per workload with each server's figure and
 * p50/p99 latencies (and, with two servers, the first's figure over the second's), then each
 * server's CPU seconds, peak RSS and verified reads, then the machine's ceilings.
 */
final class ResultTable {
  private static final String ROW_LABEL = "%-36s %-7s";
  private static final String CELLS = " %10s %8s %8s";

  private ResultTable() {}

  static String render(BenchReport report) {
    StringBuilder out = new StringBuilder();
    List<ServerReport> servers = report.servers();
    boolean ratio = servers.size() == 2;
    out.append(String.format(Locale.ROOT, "%nStampede bench, scale %s%s (%s), %d cores; AWS SDK for Java v2, default settings%n%n",
        number(report.scale()), report.rounds() > 1 ? ", median of " + report.rounds() + " rounds" : "",
        report.warmup() > 0 ? "after a warm-up at scale " + number(report.warmup()) : "cold servers",
        report.machine().cores()));
    out.append(String.format(Locale.ROOT, ROW_LABEL, "workload", "unit"));
    for (ServerReport s : servers) {
      out.append(String.format(Locale.ROOT, CELLS, s.name(), "p50 ms", "p99 ms"));
    }
    if (ratio) {
      out.append(String.format(Locale.ROOT, " %8s", "ratio"));
    }
    out.append('\n');
    for (PhaseResult row : servers.get(0).phases()) {
      out.append(String.format(Locale.ROOT, ROW_LABEL, row.label(), row.unit().label()));
      for (ServerReport s : servers) {
        PhaseResult p = s.phase(row.id());
        out.append(p == null ? String.format(Locale.ROOT, CELLS, "-", "-", "-")
            : String.format(Locale.ROOT, CELLS, number(p.value()), number(p.p50Ms()), number(p.p99Ms())));
      }
      if (ratio) {
        PhaseResult other = servers.get(1).phase(row.id());
        out.append(String.format(Locale.ROOT, " %8s", other == null ? "-" : ratio(row.value(), other.value())));
      }
      out.append('\n');
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-44s", "server"));
    servers.forEach(s -> out.append(String.format(Locale.ROOT, " %27s", s.name())));
    out.append('\n');
    serverRow(out, report.rounds() > 1 ? "CPU seconds over the workloads (a round)" : "CPU seconds over the workloads",
        servers, s -> number(s.cpuSeconds()));
    serverRow(out, "peak RSS (MiB)", servers,
        s -> s.peakRssBytes() < 0 ? "-" : Long.toString(s.peakRssBytes() >> 20));
    serverRow(out, "reads verified (length + CRC32)", servers, s -> Long.toString(s.verifiedReads()));
    MachineCeilings m = report.machine();
    out.append(String.format(Locale.ROOT, "%nthis machine, measured in the same run: fsync'd sequential write (1 MiB"
        + " writes) %s MiB/s, loopback TCP copy %s MiB/s, MD5 on one core %s MiB/s%n",
        number(m.fsyncWriteMibPerSecond()), number(m.loopbackCopyMibPerSecond()), number(m.md5MibPerSecond())));
    if (ratio) {
      out.append(String.format(Locale.ROOT, "ratio: %s / %s (above 1: %s is faster)%n",
          servers.get(0).name(), servers.get(1).name(), servers.get(0).name()));
    }
    return out.toString();
  }

  private static void serverRow(StringBuilder out, String label, List<ServerReport> servers,
      java.util.function.Function<ServerReport, String> cell) {
    out.append(String.format(Locale.ROOT, "%-44s", label));
    servers.forEach(s -> out.append(String.format(Locale.ROOT, " %27s", cell.apply(s))));
    out.append('\n');
  }

  /** Three significant figures or so: 0.123, 12.3, 1234. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    double a = Math.abs(v);
    String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, v);
  }

  static String ratio(double a, double b) {
    return b > 0 && !Double.isNaN(a) ? String.format(Locale.ROOT, "%.2f", a / b) : "-";
  }
}
