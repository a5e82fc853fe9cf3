package io.stampede.partition.manager;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.RangeLoad;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the partition manager's next load-balancing step from the map and the servers' load
 * reports ({@link BalanceConfig} says when): at most one split, merge or move at a time, and only
 * on a settled map (every range served and loaded, every server up to date), so each step is
 * judged on reports taken after the previous one. Pure: the leader submits what it returns.
 */
public final class BalancePolicy {
  /** One step: split a range (at the key its server reported), merge it with its right neighbour, or move it. */
  public sealed interface Step permits Split, Merge, Move {}

  public record Split(PartitionId range, String key) implements Step {}

  public record Merge(PartitionId left) implements Step {}

  public record Move(PartitionId range, PartitionServerId to) implements Step {}

  private final BalanceConfig config;

  public BalancePolicy(BalanceConfig config) {
    this.config = config;
  }

  public Optional<Step> next(PartitionAssignment state, long nowMs) {
    if (!config.enabled() || !state.settled(nowMs)) {
      return Optional.empty();
    }
    List<PartitionEntry> ranges = state.ranges();
    Map<PartitionId, RangeLoad> loads = state.loads(nowMs);
    boolean mayMerge = nowMs - state.lastSplitMs() >= config.mergeHold().toMillis();
    return split(ranges, loads).or(() -> mayMerge ? merge(ranges, loads) : Optional.empty()).or(() -> move(state, ranges, loads, nowMs));
  }

  private Optional<Step> split(List<PartitionEntry> ranges, Map<PartitionId, RangeLoad> loads) {
    if (ranges.size() >= config.rangesHigh()) {
      return Optional.empty();
    }
    return ranges.stream().map(r -> loads.get(r.id()))
        .filter(l -> l.splitKey().isPresent() && config.tooBig(l.keys(), l.bytes(), l.requestsPerSecond()))
        .max(Comparator.comparingDouble(RangeLoad::requestsPerSecond).thenComparingLong(RangeLoad::keys))
        .map(l -> new Split(l.id(), l.splitKey().orElseThrow()));
  }

  private Optional<Step> merge(List<PartitionEntry> ranges, Map<PartitionId, RangeLoad> loads) {
    if (ranges.size() <= config.rangesLow()) {
      return Optional.empty();
    }
    for (int i = 0; i + 1 < ranges.size(); i++) {
      RangeLoad a = loads.get(ranges.get(i).id());
      RangeLoad b = loads.get(ranges.get(i + 1).id());
      if (config.cold(a.keys() + b.keys(), a.bytes() + b.bytes(), a.requestsPerSecond() + b.requestsPerSecond())) {
        return Optional.of(new Merge(a.id()));
      }
    }
    return Optional.empty();
  }

  private Optional<Step> move(PartitionAssignment state, List<PartitionEntry> ranges,
      Map<PartitionId, RangeLoad> loads, long nowMs) {
    List<PartitionServerId> live = state.liveServers(nowMs);
    if (live.size() < 2) {
      return Optional.empty();
    }
    Map<PartitionServerId, Integer> count = new HashMap<>();
    Map<PartitionServerId, Double> rate = new HashMap<>();
    live.forEach(s -> {
      count.put(s, 0);
      rate.put(s, 0.0);
    });
    ranges.forEach(r -> {
      count.merge(r.server(), 1, Integer::sum);
      rate.merge(r.server(), loads.get(r.id()).requestsPerSecond(), Double::sum);
    });
    Comparator<PartitionServerId> byCount = Comparator.<PartitionServerId>comparingInt(count::get)
        .thenComparing(Comparator.naturalOrder());
    PartitionServerId most = live.stream().max(byCount).orElseThrow();
    PartitionServerId fewest = live.stream().min(byCount).orElseThrow();
    if (count.get(most) - count.get(fewest) >= 2) {
      return ranges.stream().filter(r -> most.equals(r.server()))
          .min(Comparator.comparingDouble(r -> loads.get(r.id()).requestsPerSecond()))
          .map(r -> new Move(r.id(), fewest));
    }
    Comparator<PartitionServerId> byRate = Comparator.<PartitionServerId>comparingDouble(rate::get)
        .thenComparing(Comparator.naturalOrder());
    PartitionServerId hottest = live.stream().max(byRate).orElseThrow();
    PartitionServerId coolest = live.stream().min(byRate).orElseThrow();
    double hot = rate.get(hottest);
    if (config.splitRequestsPerSecond() > 0 && count.get(hottest) > 1 && hot > 2 * rate.get(coolest)
        && hot >= config.splitRequestsPerSecond() / 4) {
      // The range whose rate is closest to half the gap evens the pair out best.
      double gap = hot - rate.get(coolest);
      return ranges.stream().filter(r -> hottest.equals(r.server()))
          .filter(r -> loads.get(r.id()).requestsPerSecond() < gap)
          .min(Comparator.comparingDouble(r -> Math.abs(loads.get(r.id()).requestsPerSecond() - gap / 2)))
          .map(r -> new Move(r.id(), coolest));
    }
    return Optional.empty();
  }
}
