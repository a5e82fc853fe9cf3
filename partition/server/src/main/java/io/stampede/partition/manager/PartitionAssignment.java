package io.stampede.partition.manager;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The partition manager's state, deterministic and free of Raft: the ranges (which tile the key
 * space), which server each is assigned to, and the registered servers with their leases. Every
 * mutation takes the time from its caller (the Raft command), so all replicas agree.
 *
 * <p>Assignment policy: a range keeps its server while that server's lease is valid. A range
 * with no live server goes to the live server holding fewest ranges (ties by id), but only once
 * the earliest live server has been live for the grace period, so that servers starting (or
 * returning after a restart) together have all registered, and each returning server keeps its
 * old ranges. Not thread-safe; the state machine serializes access.
 */
public final class PartitionAssignment {
  /** A registered server and its lease. {@code liveSinceMs}: when its current run of valid leases began. */
  public record ServerLease(PartitionServerInfo info, long leaseExpiryMs, long liveSinceMs) {
    boolean liveAt(long nowMs) {
      return nowMs < leaseExpiryMs;
    }
  }

  private long version;
  private long nextPartitionNumber;
  private final List<PartitionEntry> ranges = new ArrayList<>();
  private final Map<PartitionServerId, ServerLease> servers = new TreeMap<>();

  public PartitionAssignment() {}

  /** Rebuilds a state (from a snapshot). */
  public PartitionAssignment(long version, long nextPartitionNumber, List<PartitionEntry> ranges,
      List<ServerLease> servers) {
    this.version = version;
    this.nextPartitionNumber = nextPartitionNumber;
    this.ranges.addAll(ranges);
    servers.forEach(s -> this.servers.put(s.info().id(), s));
    map();
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public long version() {
    return version;
  }

  public long nextPartitionNumber() {
    return nextPartitionNumber;
  }

  public List<PartitionEntry> ranges() {
    return List.copyOf(ranges);
  }

  public List<ServerLease> servers() {
    return List.copyOf(servers.values());
  }

  /** Creates the ranges cut at {@code splitPoints} (index keys) if there are none yet; false if there were. */
  public boolean initialize(List<String> splitPoints) {
    if (!ranges.isEmpty()) {
      return false;
    }
    List<String> cuts = splitPoints.stream().filter(s -> !s.isEmpty()).distinct()
        .sorted(IndexKey::compare).collect(Collectors.toCollection(ArrayList::new));
    String low = "";
    cuts.add("");
    for (String high : cuts) {
      ranges.add(PartitionEntry.of(PartitionId.of("p" + nextPartitionNumber++), KeyRange.of(low, high), null));
      low = high;
    }
    version++;
    return true;
  }

  /** Registers {@code server} or renews its lease until {@code nowMs + leaseMs}. */
  public void heartbeat(PartitionServerInfo server, long nowMs, long leaseMs) {
    ServerLease old = servers.get(server.id());
    long liveSince = old != null && old.liveAt(nowMs) ? old.liveSinceMs() : nowMs;
    servers.put(server.id(), new ServerLease(server, nowMs + leaseMs, liveSince));
    if (old == null || !old.info().equals(server)) {
      version++;
    }
  }

  /** How many registered servers hold a valid lease at {@code nowMs}. */
  public int liveServerCount(long nowMs) {
    return (int) servers.values().stream().filter(s -> s.liveAt(nowMs)).count();
  }

  /** Whether {@link #assignOrphans} would change anything now. */
  public boolean needsAssignment(long nowMs, long graceMs) {
    return graceOver(nowMs, graceMs) && ranges.stream().anyMatch(r -> !ownerLive(r, nowMs));
  }

  /** Gives every range without a live server to a live server, balancing counts; returns how many moved. */
  public int assignOrphans(long nowMs, long graceMs) {
    if (!graceOver(nowMs, graceMs)) {
      return 0;
    }
    Map<PartitionServerId, Integer> load = new HashMap<>();
    servers.values().stream().filter(s -> s.liveAt(nowMs)).forEach(s -> load.put(s.info().id(), 0));
    ranges.stream().filter(r -> ownerLive(r, nowMs)).forEach(r -> load.merge(r.server(), 1, Integer::sum));
    int moved = 0;
    for (int i = 0; i < ranges.size(); i++) {
      PartitionEntry r = ranges.get(i);
      if (ownerLive(r, nowMs)) {
        continue;
      }
      PartitionServerId target = load.entrySet().stream()
          .min(Map.Entry.<PartitionServerId, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .orElseThrow().getKey();
      load.merge(target, 1, Integer::sum);
      ranges.set(i, PartitionEntry.of(r.id(), r.range(), target));
      moved++;
    }
    if (moved > 0) {
      version++;
    }
    return moved;
  }

  /** Puts range {@code id} on {@code server} (a registered server); false if either is unknown. */
  public boolean assign(PartitionId id, PartitionServerId server) {
    if (!servers.containsKey(server)) {
      return false;
    }
    for (int i = 0; i < ranges.size(); i++) {
      PartitionEntry r = ranges.get(i);
      if (r.id().equals(id)) {
        ranges.set(i, PartitionEntry.of(id, r.range(), server));
        version++;
        return true;
      }
    }
    return false;
  }

  public PartitionMap map() {
    Map<PartitionServerId, PartitionServerInfo> infos = new LinkedHashMap<>();
    servers.values().forEach(s -> infos.put(s.info().id(), s.info()));
    return new PartitionMap(version, ranges, infos);
  }

  private boolean ownerLive(PartitionEntry r, long nowMs) {
    ServerLease s = r.server() == null ? null : servers.get(r.server());
    return s != null && s.liveAt(nowMs);
  }

  private boolean graceOver(long nowMs, long graceMs) {
    return servers.values().stream().filter(s -> s.liveAt(nowMs))
        .map(ServerLease::liveSinceMs).min(Comparator.naturalOrder())
        .map(since -> nowMs - since >= graceMs).orElse(false);
  }
}
