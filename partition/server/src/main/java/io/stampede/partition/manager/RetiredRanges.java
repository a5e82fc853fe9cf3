package io.stampede.partition.manager;

import io.stampede.common.id.PartitionId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ranges split or merged away whose streams are kept while a current range may still need them:
 * each retired range with the current ranges (its holders) whose index may still point into its
 * blob stream or that may still load from its checkpoint. A split or merge retires the ranges it
 * replaces, held by what replaced them, and hands every retired range held by them on to their
 * successors. A holder is released once it reports itself loaded (its own checkpoint written)
 * with an index pointing only into its own blob stream (its garbage collection copied the rest
 * forward). A retired range without holders is unneeded: its blob and checkpoint streams can be
 * deleted (its commit log stays: {@code rebuild-index} follows the lineage of every log). Part of
 * {@link PartitionAssignment}'s replicated state; not thread-safe.
 */
final class RetiredRanges {
  private final Map<PartitionId, Set<PartitionId>> holders = new TreeMap<>();

  /** {@code old} is replaced by {@code successors}, which now hold it and whatever it held. */
  void retire(PartitionId old, List<PartitionId> successors) {
    holders.values().forEach(h -> {
      if (h.remove(old)) {
        h.addAll(successors);
      }
    });
    holders.computeIfAbsent(old, k -> new TreeSet<>()).addAll(successors);
  }

  /** {@code range} needs no retired range any more. */
  void released(PartitionId range) {
    holders.values().forEach(h -> h.remove(range));
  }

  /** Retired ranges no current range needs, in id order. */
  List<PartitionId> unneeded() {
    return holders.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
  }

  /** The retired range's streams are deleted: forget it. */
  void forget(PartitionId range) {
    holders.remove(range);
  }

  /** Every retired range with its holders, for snapshots and status. */
  Map<PartitionId, Set<PartitionId>> all() {
    Map<PartitionId, Set<PartitionId>> copy = new TreeMap<>();
    holders.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    return copy;
  }

  /** Restores one retired range (from a snapshot). */
  void restore(PartitionId range, Set<PartitionId> held) {
    holders.put(range, new TreeSet<>(held));
  }
}
