package io.stampede.partition.range;

import io.stampede.common.id.PartitionId;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.stream.api.ExtentPointer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a range's checkpoints, one at a time: in the background every {@code checkpointRecords}
 * commit-log records, and on demand (a range's first, its final). The snapshot is taken on a
 * worker thread under the index's lock, so it matches its log position exactly.
 */
final class Checkpointer {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final PartitionId id;
  private final ObjectIndex index;
  private final CheckpointStore store;
  private final Context context;
  private final Clock clock;
  private final int every;
  private Future<Void> running = Future.succeededFuture();
  private int pending;
  private boolean written;
  private Optional<ExtentPointer> writtenPosition = Optional.empty();
  private long writtenRecords;

  Checkpointer(PartitionId id, ObjectIndex index, CheckpointStore store, Context context, Clock clock, int every) {
    this.id = id;
    this.index = index;
    this.store = store;
    this.context = context;
    this.clock = clock;
    this.every = every;
  }

  /** The range was loaded from a checkpoint covering {@code records} records up to {@code position}. */
  synchronized void loadedFrom(Optional<ExtentPointer> position, long records) {
    written = true;
    writtenPosition = position;
    writtenRecords = records;
  }

  /** Starts a background checkpoint when enough records were applied since the last one and none runs. */
  synchronized void maybeStart() {
    if (pending == 0 && index.records() - writtenRecords >= every) {
      write().onFailure(t -> log.warn("{} background checkpoint failed (tried again later): {}", id, t.toString()));
    }
  }

  /** Writes a checkpoint of the index now, after the one running (if any); skipped if nothing changed. */
  synchronized Future<Void> write() {
    pending++;
    Future<Void> mine = running.transform(ignored -> writeNow());
    running = mine.transform(ar -> {
      synchronized (this) {
        pending--;
      }
      return Future.succeededFuture();
    });
    return mine;
  }

  private Future<Void> writeNow() {
    synchronized (this) {
      if (written && writtenPosition.equals(index.position())) {
        return Future.succeededFuture();
      }
    }
    return context.executeBlocking(index::snapshot, false).compose(snapshot -> store.write(id, snapshot,
        clock.millis()).map(d -> {
          done(snapshot);
          log.info("{} wrote a checkpoint of {} keys in {} blocks at {} ({} records)", id, d.keys(),
              d.blocks().size(), d.logPosition().map(Object::toString).orElse("the log's start"), d.records());
          return null;
        }));
  }

  private synchronized void done(IndexSnapshot snapshot) {
    written = true;
    writtenPosition = snapshot.position();
    writtenRecords = snapshot.records();
    index.forgetFreed(snapshot.freedStreams());
  }
}
