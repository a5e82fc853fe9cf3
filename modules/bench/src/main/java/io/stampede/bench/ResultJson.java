package io.stampede.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of a run as JSON, with stable keys (snake_case; rates per second, latencies in
 * ms, sizes in bytes; null where unknown):
 * <pre>
 * {"version": 1, "started": "...", "scale": 1.0, "warmup": 0.5, "rounds": 1,
 *  "machine": {"cores", "fsync_write_mib_s", "loopback_copy_mib_s", "md5_mib_s"},
 *  "servers": [{"name", "endpoint", "pid", "cpu_seconds", "peak_rss_bytes", "verified_reads", "verified_bytes",
 *               "workloads": {"put_4k": {"label", "unit", "value", "p50_ms", "p99_ms", "requests",
 *                                        "amount", "seconds", "server_cpu_seconds"}, ...}}],
 *  "ratios": {"put_4k": first server's value / second's, ...}}   (only with two servers)
 * </pre>
 */
final class ResultJson {
  static final int VERSION = 1;

  private ResultJson() {}

  static String render(BenchReport report) {
    List<String> servers = new ArrayList<>();
    for (ServerReport s : report.servers()) {
      List<String> phases = new ArrayList<>();
      for (PhaseResult p : s.phases()) {
        phases.add(string(p.id()) + ": " + object(
            "label", string(p.label()), "unit", string(p.unit().label()), "value", number(p.value()),
            "p50_ms", number(p.p50Ms()), "p99_ms", number(p.p99Ms()), "requests", Long.toString(p.ops()),
            "amount", Long.toString(p.amount()), "seconds", number(p.seconds()),
            "server_cpu_seconds", number(p.serverCpuSeconds())));
      }
      servers.add(object("name", string(s.name()), "endpoint", string(s.endpoint().toString()),
          "pid", s.pid() > 0 ? Long.toString(s.pid()) : "null", "cpu_seconds", number(s.cpuSeconds()),
          "peak_rss_bytes", s.peakRssBytes() >= 0 ? Long.toString(s.peakRssBytes()) : "null",
          "verified_reads", Long.toString(s.verifiedReads()), "verified_bytes", Long.toString(s.verifiedBytes()),
          "workloads", "{" + String.join(", ", phases) + "}"));
    }
    MachineCeilings m = report.machine();
    List<String> fields = new ArrayList<>(List.of("version", Integer.toString(VERSION),
        "started", string(report.started().toString()), "scale", number(report.scale()),
        "warmup", number(report.warmup()), "rounds", Integer.toString(report.rounds()),
        "machine", object("cores", Integer.toString(m.cores()), "fsync_write_mib_s", number(m.fsyncWriteMibPerSecond()),
            "loopback_copy_mib_s", number(m.loopbackCopyMibPerSecond()), "md5_mib_s", number(m.md5MibPerSecond())),
        "servers", "[" + String.join(", ", servers) + "]"));
    if (report.servers().size() == 2) {
      List<String> ratios = new ArrayList<>();
      for (PhaseResult p : report.servers().get(0).phases()) {
        PhaseResult other = report.servers().get(1).phase(p.id());
        ratios.add(string(p.id()) + ": " + (other == null || !(other.value() > 0) ? "null"
            : number(p.value() / other.value())));
      }
      fields.add("ratios");
      fields.add("{" + String.join(", ", ratios) + "}");
    }
    return object(fields.toArray(String[]::new)) + "\n";
  }

  /** {@code {"k1": v1, ...}} from alternating keys and already-rendered values. */
  static String object(String... keysAndValues) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      members.add(string(keysAndValues[i]) + ": " + keysAndValues[i + 1]);
    }
    return "{" + String.join(", ", members) + "}";
  }

  static String number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v)
        .replaceAll("0+$", "").replaceAll("\\.$", ".0");
  }

  static String string(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
