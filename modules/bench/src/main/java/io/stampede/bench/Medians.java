package io.stampede.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of several rounds of the same workloads against one server, reduced to one per
 * workload: the whole result of the round with the median figure (for an even count, the lower
 * of the two middle ones), so that its latencies and CPU seconds belong to the same round as its
 * figure.
 */
final class Medians {
  private Medians() {}

  /** One result per workload, in the order of the first round; {@code rounds} is not empty. */
  static List<PhaseResult> of(List<List<PhaseResult>> rounds) {
    Map<String, List<PhaseResult>> byId = new LinkedHashMap<>();
    for (List<PhaseResult> round : rounds) {
      for (PhaseResult p : round) {
        byId.computeIfAbsent(p.id(), id -> new ArrayList<>()).add(p);
      }
    }
    List<PhaseResult> medians = new ArrayList<>();
    for (List<PhaseResult> results : byId.values()) {
      List<PhaseResult> sorted = new ArrayList<>(results);
      sorted.sort(Comparator.comparingDouble(PhaseResult::value));
      medians.add(sorted.get((sorted.size() - 1) / 2));
    }
    return medians;
  }
}
