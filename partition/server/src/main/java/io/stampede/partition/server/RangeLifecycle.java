package io.stampede.partition.server;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.range.RangePartition;
import io.stampede.partition.range.RangeServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The range partitions of one partition server through their lifecycle: loading, serving,
 * closing. A range assigned by the map is loaded and served once loaded; a range no longer
 * assigned (or whose range changed) is closed, and is reported until its close completed (no
 * write in flight, final checkpoint written), retrying a close that fails. A range whose commit
 * log broke (a failed append, or fenced: another server took it over) is closed too and then
 * loaded again from the streams if still assigned and the server's lease is valid: a server cut
 * off from the partition manager must not claim back a range that was reassigned meanwhile.
 */
final class RangeLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RangeLifecycle.class);
  static final Duration CLOSE_RETRY = Duration.ofSeconds(1);

  private final PartitionServerId server;
  private final RangeServices services;
  private final PartitionServerMetrics metrics;
  private final Map<PartitionId, RangePartition> serving = new ConcurrentHashMap<>();
  /** Ranges being loaded; a load is forgotten when its assignment changes, and then never served. */
  private final Map<PartitionId, Load> loading = new ConcurrentHashMap<>();
  private final Map<PartitionId, RangePartition> closing = new ConcurrentHashMap<>();
  private Map<PartitionId, PartitionEntry> assigned = Map.of();
  private volatile Runnable changed = () -> { };
  private final BooleanSupplier leaseValid;

  RangeLifecycle(PartitionServerId server, RangeServices services, PartitionServerMetrics metrics,
      BooleanSupplier leaseValid) {
    this.server = server;
    this.leaseValid = leaseValid;
    this.services = services;
    this.metrics = metrics;
  }

  /** Runs {@code handler} whenever a range starts serving or is released (so the manager hears soon). */
  void changeHandler(Runnable handler) {
    this.changed = handler;
  }

  /** Applies the ranges the latest map assigns to this server. */
  synchronized void assign(Map<PartitionId, PartitionEntry> mine) {
    assigned = Map.copyOf(mine);
    for (RangePartition p : List.copyOf(serving.values())) {
      PartitionEntry e = mine.get(p.id());
      if (e == null || !e.range().equals(p.range())) {
        log.info("{} stops serving {} {}", server, p.id(), p.range());
        serving.remove(p.id());
        close(p);
      }
    }
    // A load that lost its assignment meanwhile replayed a log another server may have appended
    // to since: its result must never be served (a later map loads the range afresh).
    loading.values().removeIf(l -> !l.entry.equals(mine.get(l.entry.id())));
    mine.values().forEach(this::loadIfIdle);
  }

  private void loadIfIdle(PartitionEntry e) {
    if (serving.containsKey(e.id()) || loading.containsKey(e.id()) || closing.containsKey(e.id())) {
      return;
    }
    Load ticket = new Load(e);
    loading.put(e.id(), ticket);
    RangePartition.load(e, services).onComplete(ar -> loaded(ticket, ar.succeeded() ? ar.result() : null,
        ar.cause()));
  }

  private synchronized void loaded(Load ticket, RangePartition p, Throwable failure) {
    PartitionEntry e = ticket.entry;
    if (!loading.remove(e.id(), ticket)) {
      log.info("{} drops its load of {} {}: no longer assigned to it meanwhile", server, e.id(), e.range());
    } else if (p != null) {
      serving.put(e.id(), p);
      metrics.rangeServed(p);
      p.onBroken(() -> broken(p));
      log.info("{} serves {} {}", server, e.id(), e.range());
      changed.run();
    } else {
      log.warn("{} could not load {}: {}", server, e.id(), failure.toString());
    }
  }

  private synchronized void broken(RangePartition p) {
    if (serving.remove(p.id(), p)) {
      log.warn("{} reloads {} {} after a failed commit-log append", server, p.id(), p.range());
      close(p);
    }
  }

  private void close(RangePartition p) {
    closing.put(p.id(), p);
    metrics.rangeDropped(p.id());
    p.close().onComplete(ar -> closed(p, ar.succeeded()));
  }

  private synchronized void closed(RangePartition p, boolean succeeded) {
    if (!succeeded) {
      log.warn("{} retries closing {} in {}", server, p.id(), CLOSE_RETRY);
      services.context().owner().setTimer(CLOSE_RETRY.toMillis(),
          t -> p.close().onComplete(ar -> closed(p, ar.succeeded())));
      return;
    }
    closing.remove(p.id(), p);
    log.info("{} released {} {}", server, p.id(), p.range());
    changed.run();
    PartitionEntry again = assigned.get(p.id());
    if (again != null && leaseValid.getAsBoolean()) {
      loadIfIdle(again);
    } else if (again != null) {
      log.info("{} holds no valid lease: {} waits for the next map before it loads again", server, p.id());
    }
  }

  /** Every range served (with its load), loading or closing (not loaded). */
  synchronized List<RangeLoad> report() {
    List<RangeLoad> ranges = new ArrayList<>();
    serving.values().forEach(p -> ranges.add(p.load()));
    loading.keySet().forEach(id -> ranges.add(RangeLoad.notLoaded(id)));
    closing.keySet().stream().filter(id -> !loading.containsKey(id)).forEach(id -> ranges.add(RangeLoad.notLoaded(id)));
    return ranges;
  }

  /** The range served that holds {@code indexKey}. */
  Optional<RangePartition> owner(String indexKey) {
    return serving.values().stream().filter(r -> r.range().contains(indexKey)).findFirst();
  }

  /** The ranges served now. */
  List<RangePartition> serving() {
    return List.copyOf(serving.values());
  }

  int served() {
    return serving.size();
  }

  /** One load of a range; compared by identity, so a later load of the same entry is another one. */
  private static final class Load {
    final PartitionEntry entry;

    Load(PartitionEntry entry) {
      this.entry = entry;
    }
  }
}
