package io.stampede.partition.api;

import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.IndexKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who serves which range: range partitions that tile the whole index-key space in key order
 * (the first starts at "", each starts where the previous ends, the last is unbounded), and the
 * registered partition servers. {@code version} grows with every change. A map with no entries
 * means the partition manager has not created the ranges yet.
 */
public record PartitionMap(
    long version, List<PartitionEntry> entries, Map<PartitionServerId, PartitionServerInfo> servers) {
  public PartitionMap {
    entries = List.copyOf(entries);
    servers = Map.copyOf(servers);
    requireTiling(entries);
  }

  public static PartitionMap empty() {
    return new PartitionMap(0, List.of(), Map.of());
  }

  /** The range partition holding {@code indexKey} (empty only when the map has no ranges). */
  public Optional<PartitionEntry> entryFor(String indexKey) {
    int lo = 0;
    int hi = entries.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      PartitionEntry e = entries.get(mid);
      if (IndexKey.compare(indexKey, e.range().low()) < 0) {
        hi = mid - 1;
      } else if (e.range().contains(indexKey)) {
        return Optional.of(e);
      } else {
        lo = mid + 1;
      }
    }
    return Optional.empty();
  }

  /** The server serving {@code indexKey}, if its range is assigned to a registered server. */
  public Optional<PartitionServerInfo> serverFor(String indexKey) {
    return entryFor(indexKey).flatMap(PartitionEntry::owner).map(servers::get);
  }

  /** The ranges assigned to {@code server}, in key order. */
  public List<PartitionEntry> entriesOf(PartitionServerId server) {
    return entries.stream().filter(e -> server.equals(e.server())).toList();
  }

  /** Fails (IllegalArgumentException) unless {@code entries} tile the key space in order. */
  public static void requireTiling(List<PartitionEntry> entries) {
    String expectedLow = "";
    for (int i = 0; i < entries.size(); i++) {
      PartitionEntry e = entries.get(i);
      if (!e.range().low().equals(expectedLow)) {
        throw new IllegalArgumentException("ranges do not tile the key space at " + e);
      }
      boolean last = i == entries.size() - 1;
      if (e.range().unboundedAbove() != last) {
        throw new IllegalArgumentException("only the last range may be unbounded: " + e);
      }
      expectedLow = e.range().high();
    }
  }
}
