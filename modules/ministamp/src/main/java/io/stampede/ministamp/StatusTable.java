package io.stampede.ministamp;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.ministamp.StampStatus.ExtentNodeStatus;
import io.stampede.ministamp.StampStatus.ExtentStatus;
import io.stampede.ministamp.StampStatus.PartitionStatus;
import io.stampede.location.api.StampSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link StampStatus} as the readable tables {@code ./stamp status} prints. */
final class StatusTable {
  private StatusTable() {}

  static String render(StampStatus s) {
    return render(s, System.currentTimeMillis());
  }

  /** The tables, with report ages as of {@code nowMs}. */
  static String render(StampStatus s, long nowMs) {
    StringBuilder out = new StringBuilder();
    List<List<String>> stamps = new ArrayList<>();
    stamps.add(List.of("STAMP", "VIP", "FILL", "CAPACITY", "BUCKETS", "LAST REPORT"));
    for (StampSummary t : s.stamps()) {
      stamps.add(List.of(t.stamp().value(), t.endpoint().toString(), String.format("%.1f%%", 100 * t.fill()),
          bytes(t.capacityBytes()), String.valueOf(t.buckets()),
          t.reportedMs() == 0 ? "never" : String.format("%.1f s ago", Math.max(0, nowMs - t.reportedMs()) / 1000.0)));
    }
    table(out, stamps);
    out.append('\n');
    out.append(String.format("stamp %s: %d racks, %d of %d extent nodes up%n", s.stamp(), s.racks().size(),
        s.extentNodesUp(), s.extentNodes().size()));
    out.append(String.format("extents: %d open, %d sealed, %d under-replicated (stream manager), "
        + "%d without 3 replicas on 3 racks of running nodes%n%n", s.openExtents(), s.sealedExtents(),
        s.underReplicated(), s.extentsNeedingRepair().size()));
    List<List<String>> fes = new ArrayList<>();
    fes.add(List.of("FRONT-END", "PROCESS (VIP " + s.vip() + ")"));
    for (StampStatus.FrontendStatus f : s.frontends()) {
      fes.add(List.of(f.id().value(), f.up() ? "up" : "DOWN"));
    }
    table(out, fes);
    out.append('\n');
    List<List<String>> nodes = new ArrayList<>();
    nodes.add(List.of("RACK", "NODE", "ENDPOINT", "PROCESS", "MANAGER SEES", "EXTENTS", "BYTES"));
    for (ExtentNodeStatus n : s.extentNodes()) {
      nodes.add(List.of(n.rack().value(), n.id().value(), n.endpoint().toString(), n.up() ? "up" : "DOWN",
          n.alive() ? "alive" : "dead", String.valueOf(n.extents()), bytes(n.bytes())));
    }
    table(out, nodes);
    out.append('\n');
    table(out, streams(s));
    out.append('\n');
    List<List<String>> parts = new ArrayList<>();
    parts.add(List.of("PARTITION", "LOW", "HIGH", "SERVER", "KEYS", "BYTES", "REQ/S", "BLOB SEALED", "GARBAGE"));
    for (PartitionStatus p : s.partitions()) {
      String server = p.server().map(Object::toString)
          .map(id -> p.load().filter(l -> !l.loaded()).isPresent() ? id + " (loading)" : id)
          .orElse("- (moving)");
      parts.add(List.of(p.id().value(), quoted(p.range().low()), p.range().unboundedAbove() ? "+inf" : quoted(p.range().high()),
          server, p.load().map(l -> String.valueOf(l.keys())).orElse("-"),
          p.load().map(l -> bytes(l.bytes())).orElse("-"),
          p.load().map(l -> String.format("%.1f", l.requestsPerSecond())).orElse("-"),
          p.load().map(l -> bytes(l.blobSealedBytes())).orElse("-"),
          p.load().filter(l -> l.blobSealedBytes() > 0)
              .map(l -> String.format("%.0f%%", 100 * l.blobGarbageRatio())).orElse("-")));
    }
    table(out, parts);
    out.append(String.format("garbage in sealed blob extents (last gc passes): %.0f%%; extent nodes hold %s%n",
        100 * s.blobGarbageRatio(), bytes(s.extentNodes().stream().mapToLong(ExtentNodeStatus::bytes).sum())));
    out.append(String.format("partition manager leader: %s%n",
        s.partitionManagerLeader().map(Object::toString).orElse("none")));
    out.append(String.format("stream manager leader: %s%n",
        s.streamManagerLeader().map(Object::toString).orElse("none")));
    return out.toString();
  }

  private static String quoted(String indexKey) {
    return "\"" + indexKey + "\"";
  }

  private static List<List<String>> streams(StampStatus s) {
    Set<ExtentNodeId> down = s.extentNodes().stream().filter(n -> !n.up()).map(ExtentNodeStatus::id)
        .collect(Collectors.toSet());
    Map<StreamId, List<ExtentStatus>> byStream = new LinkedHashMap<>();
    s.extents().forEach(e -> byStream.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("STREAM", "SEALED", "SEALED BYTES", "OPEN EXTENT", "OPEN ON (* = down)"));
    byStream.forEach((stream, extents) -> {
      long sealed = extents.stream().filter(ExtentStatus::sealed).count();
      long sealedBytes = extents.stream().filter(ExtentStatus::sealed).mapToLong(ExtentStatus::length).sum();
      List<ExtentStatus> openOnes = extents.stream().filter(e -> !e.sealed()).toList();
      String open = openOnes.isEmpty() ? "-"
          : openOnes.stream().map(e -> e.id().value()).collect(Collectors.joining(" "));
      String on = openOnes.isEmpty() ? "-" : openOnes.stream().map(e -> e.replicas().stream()
          .map(r -> down.contains(r) ? r.value() + "*" : r.value()).collect(Collectors.joining(",")))
          .collect(Collectors.joining(" "));
      rows.add(List.of(stream.value(), String.valueOf(sealed), bytes(sealedBytes), open, on));
    });
    return rows;
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format("%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format("%.2f GiB", n / (1024.0 * 1024 * 1024));
  }

  private static void table(StringBuilder out, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
