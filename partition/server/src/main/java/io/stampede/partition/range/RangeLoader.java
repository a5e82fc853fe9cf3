package io.stampede.partition.range;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.checkpoint.CheckpointDescriptor;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.partition.index.KeySpaces;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.log.CommitLogCodec;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.partition.log.EpochFilter;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.client.OwnedStreams;
import io.stampede.stream.api.ExtentPointer;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a range partition from the streams alone:
 * <ol>
 *   <li>its latest checkpoint, if it has one, then its commit log after the checkpoint's position;</li>
 *   <li>else, when it has sources (ranges split or merged away): each source's latest checkpoint
 *       (if any) and its commit log after it, cut to the range and merged, then its own log from
 *       the start; then its first checkpoint is written before it serves, so it never needs its
 *       sources again;</li>
 *   <li>else its own commit log from the start.</li>
 * </ol>
 * Before reading any log it claims it ({@link OwnedStreams}): its own log, which it will append
 * to, and its sources' logs, which it only reads: every append acknowledged before a claim lies
 * below the length the claim sealed, and nothing a previous owner still sends can land after it,
 * so the replay misses nothing and nothing shows up later. Replays skip records of stale epochs
 * ({@link EpochFilter}). A range loaded for the first time (no checkpoint, empty log) first
 * appends its {@code Genesis} record. Streams found unused are handed to the reclaimer again
 * (deletion is idempotent).
 */
final class RangeLoader {
  private static final Logger log = LoggerFactory.getLogger(RangeLoader.class);

  private final PartitionEntry entry;
  private final RangeServices services;
  private final OwnedStreams owned;
  private final CheckpointStore store;
  private final List<String> freed = new ArrayList<>();
  private StreamWriter logWriter;

  private RangeLoader(PartitionEntry entry, RangeServices services) {
    this.entry = entry;
    this.services = services;
    this.owned = new OwnedStreams(services.streams());
    this.store = new CheckpointStore(owned, services.context());
  }

  static Future<RangePartition> load(PartitionEntry entry, RangeServices services) {
    return new RangeLoader(entry, services).run()
        .recover(t -> Future.failedFuture(StreamFailures.translate(t)));
  }

  private Future<RangePartition> run() {
    PartitionId id = entry.id();
    return owned.writer(RangePartition.logStream(id)).compose(w -> {
      logWriter = w;
      return store.latest(id);
    }).compose(latest -> {
      if (latest.isPresent()) {
        return fromCheckpoint(latest.get());
      }
      Future<ObjectIndex> start = entry.sources().isEmpty()
          ? Future.succeededFuture(new ObjectIndex()) : fromSources(entry.sources(), 0, new ObjectIndex());
      return start.compose(index -> replay(RangePartition.logStream(id), index, null, entry.range(), true)
          .compose(v -> started(index)));
    }).onSuccess(p -> {
      freed.forEach(s -> services.reclaimer().accept(StreamId.of(s)));
      log.info("{} loaded {}: {} objects, {} uploads, {} commit-log records", id, entry.range(),
          p.index().liveKeys(), p.index().uploadCount(), p.index().records());
    });
  }

  private Future<RangePartition> fromCheckpoint(CheckpointDescriptor d) {
    return store.read(d, entry.range()).compose(snapshot -> {
      freed.addAll(snapshot.freedStreams());
      ObjectIndex index = ObjectIndex.restore(snapshot);
      return replay(RangePartition.logStream(entry.id()), index, snapshot.position().orElse(null), entry.range(), true)
          .map(v -> {
            RangePartition p = new RangePartition(entry, services, index, store, owned, logWriter);
            p.checkpointer().loadedFrom(snapshot.position(), snapshot.records());
            return p;
          });
    });
  }

  /** A range never checkpointed: writes its Genesis if its log is empty, its first checkpoint if it has sources. */
  private Future<RangePartition> started(ObjectIndex index) {
    RangePartition p = new RangePartition(entry, services, index, store, owned, logWriter);
    Future<Void> genesis = index.records() > 0 ? Future.succeededFuture()
        : p.commitLog().append(new CommitLogRecord.Genesis(entry.range(), entry.sources()));
    return genesis
        .compose(v -> entry.sources().isEmpty() ? Future.succeededFuture() : p.checkpointer().write())
        .map(p);
  }

  /** Adds the state of sources {@code i..} cut to the range to {@code index}. */
  private Future<ObjectIndex> fromSources(List<PartitionId> sources, int i, ObjectIndex index) {
    if (i == sources.size()) {
      return Future.succeededFuture(index);
    }
    PartitionId source = sources.get(i);
    return owned.writer(RangePartition.logStream(source)).compose(fence -> store.latest(source)).compose(latest -> {
      Future<IndexSnapshot> start = latest.isPresent() ? store.read(latest.get(), entry.range())
          : Future.succeededFuture(IndexSnapshot.empty());
      return start.compose(snapshot -> {
        freed.addAll(snapshot.freedStreams());
        ObjectIndex part = ObjectIndex.restore(new IndexSnapshot(snapshot.versions(), snapshot.uploads(),
            Optional.empty(), 0, List.of(), snapshot.closedBuckets()));
        return replay(RangePartition.logStream(source), part, snapshot.position().orElse(null), entry.range(), false)
            .map(v -> {
              index.merge(part);
              log.info("{} took {} objects of {} from source {}", entry.id(), part.liveKeys(), entry.range(), source);
              return index;
            });
      });
    }).compose(merged -> fromSources(sources, i + 1, merged));
  }

  /** Whether a source's record changes the part of the index {@code range} takes. */
  private static boolean concerns(KeyRange range, CommitLogRecord record) {
    if (record instanceof CommitLogRecord.BucketClosed || record instanceof CommitLogRecord.BucketReopened) {
      return range.overlaps(KeySpaces.range(record.bucket()));
    }
    return range.contains(record.indexKey());
  }

  /**
   * Applies the records of {@code stream} after {@code after} whose keys are in {@code range};
   * {@code own}: the range's own log, whose position the index then records.
   */
  private Future<Void> replay(StreamId stream, ObjectIndex index, ExtentPointer after, KeyRange range, boolean own) {
    EpochFilter epochs = new EpochFilter(entry.id() + " replaying " + stream);
    return services.streams().replay(stream, after, r -> {
      CommitLogCodec.Logged logged = CommitLogCodec.decodeLogged(r.data());
      if (!epochs.admits(logged.epoch())) {
        return;
      }
      CommitLogRecord record = logged.record();
      if (own) {
        freed.addAll(index.apply(record, r.pointer()));
      } else if (!(record instanceof CommitLogRecord.Genesis) && concerns(range, record)) {
        freed.addAll(index.apply(record));
      }
    });
  }
}
