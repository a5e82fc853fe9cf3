package io.stampede.partition.range;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.log.CommitLogCodec;
import io.stampede.partition.log.EpochFilter;
import io.stampede.stream.client.OwnedStreams;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds every range's index from commit logs alone, as if the partition map and every
 * checkpoint were lost (the log-structured recovery of seeds/002): every range's log begins with
 * a {@code Genesis} record naming its key range and its sources, so the lineage of all ranges
 * that ever existed is in the streams. The ranges nobody took as a source are the current ones;
 * where they leave a gap (a split or merge whose result never loaded), the newest ranges covering
 * it fill it. Each range's state is its sources' states cut to its range, then its own log,
 * recursively, never reading a checkpoint.
 *
 * <p>The result is a fresh set of ranges with new ids (old ids' checkpoint streams may be gone,
 * and a deleted stream id never comes back), each holding a Genesis naming the range it replaces
 * and a checkpoint of its whole state, so it loads like any range. Object bytes are not touched.
 * Run only while no partition server serves: the logs must not grow meanwhile.
 */
public final class IndexRebuild {
  private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);
  private static final String LOG_SUFFIX = ".log";

  /** A range found in the streams: its Genesis and the rest of its log. */
  private record Found(PartitionId id, KeyRange range, List<PartitionId> sources, List<CommitLogRecord> records) {}

  /** What a rebuild produced. */
  public record Result(List<PartitionEntry> ranges, int logs, long records) {}

  private final StreamClient streams;
  private final OwnedStreams owned;
  private final Context context;
  private final CheckpointStore store;
  private final Clock clock;
  private final Map<PartitionId, Found> found = new LinkedHashMap<>();
  private final Map<PartitionId, ObjectIndex> states = new HashMap<>();

  private IndexRebuild(StreamClient streams, Context context, Clock clock) {
    this.streams = streams;
    this.owned = new OwnedStreams(streams);
    this.context = context;
    this.store = new CheckpointStore(owned, context);
    this.clock = clock;
  }

  /**
   * Rebuilds from the commit logs among {@code streamIds} (streams named {@code p<N>.log}); the
   * new ranges are numbered after the highest {@code N} found. Fails if a log has no Genesis
   * (written before this format) or the current ranges do not cover the key space.
   */
  public static Future<Result> run(StreamClient streams, Context context, Clock clock, List<StreamId> streamIds) {
    return new IndexRebuild(streams, context, clock).rebuild(streamIds);
  }

  private Future<Result> rebuild(List<StreamId> streamIds) {
    List<PartitionId> ids = new ArrayList<>();
    long highest = -1;
    for (StreamId s : streamIds) {
      String name = s.value();
      if (name.endsWith(LOG_SUFFIX) && name.length() > LOG_SUFFIX.length()) {
        PartitionId id = PartitionId.of(name.substring(0, name.length() - LOG_SUFFIX.length()));
        if (id.number().isPresent()) {
          ids.add(id);
          highest = Math.max(highest, id.number().getAsLong());
        }
      }
    }
    long firstNew = highest + 1;
    Future<Void> read = Future.succeededFuture();
    for (PartitionId id : ids) {
      read = read.compose(v -> readLog(id));
    }
    // Replaying whole indexes is CPU work: on a worker, not on the event loop.
    return read.compose(v -> context.executeBlocking(() -> {
      Map<PartitionEntry, ObjectIndex> rebuilt = new LinkedHashMap<>();
      plan(firstNew).forEach(e -> rebuilt.put(e, fromSources(e.range(), e.sources())));
      return rebuilt;
    }, false)).compose(rebuilt -> {
      Future<Void> written = Future.succeededFuture();
      for (Map.Entry<PartitionEntry, ObjectIndex> e : rebuilt.entrySet()) {
        written = written.compose(x -> write(e.getKey(), e.getValue()));
      }
      long records = found.values().stream().mapToLong(f -> f.records().size()).sum();
      return written.map(x -> new Result(List.copyOf(rebuilt.keySet()), found.size(), records));
    });
  }

  private Future<Void> readLog(PartitionId id) {
    List<CommitLogRecord> records = new ArrayList<>();
    StreamId logStream = RangePartition.logStream(id);
    EpochFilter epochs = new EpochFilter("rebuild of " + logStream);
    // claimed first: whoever wrote the log before can no longer add to it behind this read
    return owned.writer(logStream).compose(fence -> streams.replay(logStream, r -> {
      CommitLogCodec.Logged logged = CommitLogCodec.decodeLogged(r.data());
      if (epochs.admits(logged.epoch())) {
        records.add(logged.record());
      }
    })).compose(v -> {
          if (records.isEmpty()) {
            return Future.succeededFuture();
          }
          if (!(records.get(0) instanceof CommitLogRecord.Genesis g)) {
            return Future.failedFuture(new IllegalStateException(id + ".log does not start with a Genesis record "
                + "(written before range lineage was recorded): cannot rebuild it from the logs"));
          }
          found.put(id, new Found(id, g.range(), g.sources(), records.subList(1, records.size())));
          return Future.succeededFuture();
        });
  }

  /** The current ranges (each replaced by a new id taking it as its source), gaps filled, in key order. */
  private List<PartitionEntry> plan(long firstNew) {
    Set<PartitionId> retired = new HashSet<>();
    found.values().forEach(f -> retired.addAll(f.sources()));
    List<Found> current = found.values().stream().filter(f -> !retired.contains(f.id()))
        .sorted(Comparator.comparing((Found f) -> f.range().low(), IndexKey::compare)).toList();
    List<PartitionEntry> plan = new ArrayList<>();
    long next = firstNew;
    String low = "";
    for (Found f : current) {
      if (IndexKey.compare(f.range().low(), low) < 0) {
        throw new IllegalStateException("current ranges overlap at " + f.id() + " " + f.range());
      }
      if (!f.range().low().equals(low)) {
        KeyRange gap = KeyRange.of(low, f.range().low());
        plan.add(new PartitionEntry(PartitionId.numbered(next++), gap, null, newestCovering(gap)));
      }
      plan.add(new PartitionEntry(PartitionId.numbered(next++), f.range(), null, List.of(f.id())));
      if (f.range().unboundedAbove()) {
        return plan;
      }
      low = f.range().high();
    }
    KeyRange gap = KeyRange.of(low, "");
    plan.add(new PartitionEntry(PartitionId.numbered(next), gap, null, newestCovering(gap)));
    return plan;
  }

  /** The ranges overlapping {@code gap} that no range overlapping it took as a source. */
  private List<PartitionId> newestCovering(KeyRange gap) {
    List<Found> overlapping = found.values().stream().filter(f -> f.range().overlaps(gap)).toList();
    Set<PartitionId> superseded = overlapping.stream().flatMap(f -> f.sources().stream()).collect(Collectors.toSet());
    List<PartitionId> newest = overlapping.stream().map(Found::id).filter(id -> !superseded.contains(id)).toList();
    if (newest.isEmpty()) {
      throw new IllegalStateException("no commit log covers " + gap);
    }
    return newest;
  }

  /** The whole state of a found range: its sources' states cut to it, then its own log. */
  private ObjectIndex state(PartitionId id) {
    ObjectIndex known = states.get(id);
    if (known != null) {
      return known;
    }
    Found f = found.get(id);
    if (f == null) {
      log.warn("rebuild: source {} has no commit log (it never took a write); it adds nothing", id);
      return new ObjectIndex();
    }
    ObjectIndex index = fromSources(f.range(), f.sources());
    f.records().forEach(index::apply);
    states.put(id, index);
    return index;
  }

  /** {@code sources}' whole states cut to {@code range}, merged. */
  private ObjectIndex fromSources(KeyRange range, List<PartitionId> sources) {
    ObjectIndex index = new ObjectIndex();
    for (PartitionId source : sources) {
      index.merge(state(source).cut(range));
    }
    return index;
  }

  /** Writes the new range's Genesis and a checkpoint of its whole state {@code index}. */
  private Future<Void> write(PartitionEntry e, ObjectIndex index) {
    CommitLogRecord.Genesis genesis = new CommitLogRecord.Genesis(e.range(), e.sources());
    return owned.writer(RangePartition.logStream(e.id())).compose(w -> w.append(List.of(CommitLogCodec.encode(genesis, w.epoch()))))
        .compose(pointers -> {
          index.apply(genesis, pointers.get(0));
          return store.write(e.id(), index.snapshot(), clock.millis());
        })
        .map(d -> {
          log.info("rebuild: {} {} from {}: {} keys", e.id(), e.range(), e.sources(), index.liveKeys());
          return null;
        });
  }
}
