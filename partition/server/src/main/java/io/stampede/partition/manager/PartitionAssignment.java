package io.stampede.partition.manager;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.ServerReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The partition manager's state, deterministic and free of Raft: the ranges (which tile the key
 * space), which server each is assigned to, the registered servers with their leases and last
 * load reports, and the ranges waiting to be assigned. Every mutation takes the time from its
 * caller (the Raft command), so all replicas agree. Not thread-safe; the state machine
 * serializes access.
 *
 * <p>Taking a range from a server (a move, or a split or merge, which retire ranges) first
 * leaves it (or its successors) unassigned in the map, as {@link Pending}. A pending range is
 * assigned only once every range it waits for is released: every live server has reported
 * having applied that change and no longer holds them (a server lists a range until it has
 * closed it, final checkpoint written), or its lease ran out. So two servers never append to
 * one commit log, and a range created by a split or merge is loaded only from its sources' final
 * state.
 *
 * <p>Assignment policy: a range keeps its server while that server's lease is valid. A range
 * with no live server goes to its pending target if that one is live, else to the live server
 * holding fewest ranges (ties by id), but only once the earliest live server has been live for
 * the grace period, so that servers starting (or returning after a restart) together have all
 * registered, and each returning server keeps its old ranges.
 */
public final class PartitionAssignment {
  /**
   * A registered server, its lease, and its last report. {@code liveSinceMs}: when its current
   * run of valid leases began.
   */
  public record ServerLease(PartitionServerInfo info, long leaseExpiryMs, long liveSinceMs, long mapVersion,
      List<RangeLoad> ranges) {
    public ServerLease {
      ranges = List.copyOf(ranges);
    }

    boolean liveAt(long nowMs) {
      return nowMs < leaseExpiryMs;
    }

    boolean holds(PartitionId id) {
      return ranges.stream().anyMatch(r -> r.id().equals(id));
    }

    Optional<RangeLoad> load(PartitionId id) {
      return ranges.stream().filter(r -> r.id().equals(id)).findFirst();
    }
  }

  /**
   * A range waiting for assignment: to {@code target} if live (null: any), once every range of
   * {@code waitsFor} is released in reports of map version {@code sinceVersion} or later.
   */
  public record Pending(PartitionId id, PartitionServerId target, long sinceVersion, List<PartitionId> waitsFor) {
    public Pending {
      waitsFor = List.copyOf(waitsFor);
    }
  }

  private long version;
  private long nextPartitionNumber;
  private long lastSplitMs = Long.MIN_VALUE / 2;
  private final List<PartitionEntry> ranges = new ArrayList<>();
  private final Map<PartitionServerId, ServerLease> servers = new TreeMap<>();
  private final Map<PartitionId, Pending> pending = new TreeMap<>();
  private final RetiredRanges retired = new RetiredRanges();

  public PartitionAssignment() {}

  /** Rebuilds a state (from a snapshot). */
  public PartitionAssignment(long version, long nextPartitionNumber, List<PartitionEntry> ranges,
      List<ServerLease> servers, List<Pending> pending, long lastSplitMs) {
    this(version, nextPartitionNumber, ranges, servers, pending, lastSplitMs, Map.of());
  }

  /** Rebuilds a state (from a snapshot), with its retired ranges and their holders. */
  public PartitionAssignment(long version, long nextPartitionNumber, List<PartitionEntry> ranges,
      List<ServerLease> servers, List<Pending> pending, long lastSplitMs, Map<PartitionId, Set<PartitionId>> retired) {
    retired.forEach(this.retired::restore);
    this.version = version;
    this.lastSplitMs = lastSplitMs;
    this.nextPartitionNumber = nextPartitionNumber;
    this.ranges.addAll(ranges);
    servers.forEach(s -> this.servers.put(s.info().id(), s));
    pending.forEach(p -> this.pending.put(p.id(), p));
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

  /** When the last split was applied (a very old time if never). */
  public long lastSplitMs() {
    return lastSplitMs;
  }

  public List<PartitionEntry> ranges() {
    return List.copyOf(ranges);
  }

  public List<ServerLease> servers() {
    return List.copyOf(servers.values());
  }

  public List<Pending> pending() {
    return List.copyOf(pending.values());
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
      ranges.add(PartitionEntry.of(newId(), KeyRange.of(low, high), null));
      low = high;
    }
    version++;
    return true;
  }

  private PartitionId newId() {
    return PartitionId.numbered(nextPartitionNumber++);
  }

  /** Registers the reporting server or renews its lease until {@code nowMs + leaseMs}, keeping its report. */
  public void heartbeat(ServerReport report, long nowMs, long leaseMs) {
    PartitionServerInfo server = report.server();
    ServerLease old = servers.get(server.id());
    long liveSince = old != null && old.liveAt(nowMs) ? old.liveSinceMs() : nowMs;
    servers.put(server.id(), new ServerLease(server, nowMs + leaseMs, liveSince, report.mapVersion(),
        report.ranges()));
    report.ranges().stream().filter(r -> r.loaded() && r.ownBlobsOnly()).forEach(r -> retired.released(r.id()));
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
    return graceOver(nowMs, graceMs) && ranges.stream().anyMatch(r -> !ownerLive(r, nowMs) && assignable(r, nowMs));
  }

  /**
   * Gives every range without a live server whose wait is over to a live server (its pending
   * target if live, else the one with fewest ranges); returns how many were assigned.
   */
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
      if (ownerLive(r, nowMs) || !assignable(r, nowMs)) {
        continue;
      }
      Pending p = pending.get(r.id());
      PartitionServerId target = p != null && p.target() != null && load.containsKey(p.target()) ? p.target()
          : load.entrySet().stream()
              .min(Map.Entry.<PartitionServerId, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
              .orElseThrow().getKey();
      load.merge(target, 1, Integer::sum);
      ranges.set(i, r.withServer(target));
      pending.remove(r.id());
      moved++;
    }
    if (moved > 0) {
      version++;
    }
    return moved;
  }

  /** A range without a live owner may be assigned: a live server exists and what it waits for is released. */
  private boolean assignable(PartitionEntry r, long nowMs) {
    if (liveServerCount(nowMs) == 0) {
      return false;
    }
    Pending p = pending.get(r.id());
    return p == null || p.waitsFor().stream().allMatch(w -> released(w, p.sinceVersion(), nowMs));
  }

  /** No live server holds {@code id}, by reports that reflect map version {@code sinceVersion} or later. */
  private boolean released(PartitionId id, long sinceVersion, long nowMs) {
    return servers.values().stream().filter(s -> s.liveAt(nowMs))
        .allMatch(s -> s.mapVersion() >= sinceVersion && !s.holds(id));
  }

  /** Puts range {@code id} on {@code server} (a registered server) at once; false if either is unknown. */
  public boolean assign(PartitionId id, PartitionServerId server) {
    if (!servers.containsKey(server)) {
      return false;
    }
    for (int i = 0; i < ranges.size(); i++) {
      PartitionEntry r = ranges.get(i);
      if (r.id().equals(id)) {
        ranges.set(i, r.withServer(server));
        pending.remove(id);
        version++;
        return true;
      }
    }
    return false;
  }

  /**
   * Splits range {@code id} at {@code key} (empty: the split key its server last reported): the
   * two halves replace it, pending for its server, waiting for it to be released.
   *
   * @throws IllegalArgumentException if the range is unknown, not loaded by a live server, or
   *     the key does not fall strictly inside it
   */
  public List<PartitionEntry> split(PartitionId id, Optional<String> key, long nowMs) {
    int i = indexOf(id);
    PartitionEntry r = ranges.get(i);
    ServerLease owner = loadedOwner(r, nowMs);
    String at = key.or(() -> owner.load(id).flatMap(RangeLoad::splitKey)).orElseThrow(() ->
        new IllegalArgumentException(id + " has fewer than two keys: give a split key"));
    if (IndexKey.compare(at, r.range().low()) <= 0 || !r.range().contains(at)) {
      throw new IllegalArgumentException("split key " + at + " is not inside " + id + " " + r.range());
    }
    PartitionEntry low = new PartitionEntry(newId(), KeyRange.of(r.range().low(), at), null, List.of(id));
    PartitionEntry high = new PartitionEntry(newId(), KeyRange.of(at, r.range().high()), null, List.of(id));
    ranges.set(i, low);
    ranges.add(i + 1, high);
    version++;
    lastSplitMs = nowMs;
    pending.put(low.id(), new Pending(low.id(), owner.info().id(), version, List.of(id)));
    pending.put(high.id(), new Pending(high.id(), owner.info().id(), version, List.of(id)));
    retired.retire(id, List.of(low.id(), high.id()));
    return List.of(low, high);
  }

  /**
   * Merges range {@code id} with the one right after it into one range, pending for the left
   * one's server, waiting for both to be released.
   *
   * @throws IllegalArgumentException if either is unknown or not loaded by a live server
   */
  public PartitionEntry merge(PartitionId id, long nowMs) {
    int i = indexOf(id);
    if (i + 1 >= ranges.size()) {
      throw new IllegalArgumentException(id + " is the last range: nothing after it to merge with");
    }
    PartitionEntry left = ranges.get(i);
    PartitionEntry right = ranges.get(i + 1);
    ServerLease owner = loadedOwner(left, nowMs);
    loadedOwner(right, nowMs);
    PartitionEntry merged = new PartitionEntry(newId(), KeyRange.of(left.range().low(), right.range().high()), null,
        List.of(left.id(), right.id()));
    ranges.set(i, merged);
    ranges.remove(i + 1);
    version++;
    pending.put(merged.id(), new Pending(merged.id(), owner.info().id(), version, List.of(left.id(), right.id())));
    retired.retire(left.id(), List.of(merged.id()));
    retired.retire(right.id(), List.of(merged.id()));
    return merged;
  }

  /**
   * Takes range {@code id} from its server, to be assigned to {@code to} once released.
   *
   * @throws IllegalArgumentException if the range is unknown or not assigned, or {@code to} is
   *     not a live server or already serves it
   */
  public void move(PartitionId id, PartitionServerId to, long nowMs) {
    int i = indexOf(id);
    PartitionEntry r = ranges.get(i);
    ServerLease target = servers.get(to);
    if (target == null || !target.liveAt(nowMs)) {
      throw new IllegalArgumentException(to + " is not a live partition server");
    }
    if (to.equals(r.server())) {
      throw new IllegalArgumentException(id + " is already on " + to);
    }
    Pending waiting = pending.get(id);
    if (waiting != null) {
      pending.put(id, new Pending(id, to, waiting.sinceVersion(), waiting.waitsFor()));
      return;
    }
    if (r.server() == null) {
      throw new IllegalArgumentException(id + " is not assigned yet");
    }
    ranges.set(i, r.withServer(null));
    version++;
    pending.put(id, new Pending(id, to, version, List.of(id)));
  }

  /**
   * Replaces every range by {@code entries}, unassigned, with nothing pending; range numbers
   * continue after the highest {@code p<N>} among them.
   *
   * @throws IllegalArgumentException if they do not tile the key space
   */
  public void replace(List<PartitionEntry> entries) {
    List<PartitionEntry> fresh = entries.stream().map(e -> e.withServer(null)).toList();
    PartitionMap.requireTiling(fresh);
    for (PartitionEntry old : ranges) {
      retired.retire(old.id(), fresh.stream().filter(e -> e.sources().contains(old.id())).map(PartitionEntry::id)
          .toList());
    }
    ranges.clear();
    ranges.addAll(fresh);
    pending.clear();
    fresh.forEach(e -> e.id().number().ifPresent(n -> nextPartitionNumber = Math.max(nextPartitionNumber, n + 1)));
    version++;
  }

  /**
   * Ranges split or merged away that no current range needs any more ({@link RetiredRanges}):
   * their blob and checkpoint streams may be deleted.
   */
  public List<PartitionId> unneededRetired() {
    return retired.unneeded();
  }

  /** Every retired range kept, with the current ranges that still need it. */
  public Map<PartitionId, Set<PartitionId>> retired() {
    return retired.all();
  }

  /** The streams of retired range {@code id} are deleted: forgets it. */
  public void forgetRetired(PartitionId id) {
    retired.forget(id);
  }

  private int indexOf(PartitionId id) {
    for (int i = 0; i < ranges.size(); i++) {
      if (ranges.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no range " + id);
  }

  /** The live server that serves {@code r} and reported it loaded (so it has its own checkpoint). */
  private ServerLease loadedOwner(PartitionEntry r, long nowMs) {
    ServerLease owner = r.server() == null ? null : servers.get(r.server());
    if (owner == null || !owner.liveAt(nowMs) || owner.load(r.id()).filter(RangeLoad::loaded).isEmpty()) {
      throw new IllegalArgumentException(r.id() + " is not served yet (being assigned, moved or loaded): retry");
    }
    return owner;
  }

  /** The last reported load of every range, by id (ranges whose server did not report them are absent). */
  public Map<PartitionId, RangeLoad> loads(long nowMs) {
    Map<PartitionId, RangeLoad> loads = new HashMap<>();
    for (PartitionEntry r : ranges) {
      ServerLease owner = r.server() == null ? null : servers.get(r.server());
      if (owner != null && owner.liveAt(nowMs)) {
        owner.load(r.id()).ifPresent(l -> loads.put(r.id(), l));
      }
    }
    return loads;
  }

  /** Whether the map is settled: every range served and loaded, and every live server has applied this version. */
  public boolean settled(long nowMs) {
    Map<PartitionId, RangeLoad> loads = loads(nowMs);
    return pending.isEmpty()
        && ranges.stream().allMatch(r -> ownerLive(r, nowMs) && loads.containsKey(r.id()) && loads.get(r.id()).loaded())
        && servers.values().stream().filter(s -> s.liveAt(nowMs)).allMatch(s -> s.mapVersion() >= version);
  }

  public PartitionMap map() {
    Map<PartitionServerId, PartitionServerInfo> infos = new LinkedHashMap<>();
    servers.values().forEach(s -> infos.put(s.info().id(), s.info()));
    return new PartitionMap(version, ranges, infos);
  }

  /** The live servers' ids at {@code nowMs}, in id order. */
  public List<PartitionServerId> liveServers(long nowMs) {
    return servers.values().stream().filter(s -> s.liveAt(nowMs)).map(s -> s.info().id()).toList();
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
