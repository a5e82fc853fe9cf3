package io.stampede.partition.range;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.log.CommitLogCodec;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A range's commit log as its writes see it: appends a record, then applies it to the index.
 * Records apply in log order (each apply waits for the previous append's), so the index always
 * holds exactly a prefix of the log and its position names that prefix's last record.
 *
 * <p>Records are written through this owner's {@link StreamWriter} of the log, claimed before
 * the log was replayed, and carry its epoch. An append that completed is in every later owner's
 * replay (a new owner claims the log first, which seals it at a length covering every completed
 * append, and fences this writer), so it is acknowledged whatever the lease says. An append that
 * failed is, as the stream writer settles it, in no replay ever: its write is answered with the
 * error and the log goes on. Two failures <em>break</em> the log instead: the writer was fenced
 * (another load owns the log now), or the append's outcome is unknown
 * ({@link StreamErrorCode#UNRESOLVED}: the record may be durable, so log and index may disagree).
 * Every later write then fails NOT_SERVING, and {@code onBroken} runs once so that the range is
 * loaded again from the streams (where an unresolved record shows up, in its place, if it was
 * durable: the one case in which a write answered with an error can take effect). {@link #seal}
 * stops all further appends (closing).
 */
final class CommitLog {
  private static final Logger log = LoggerFactory.getLogger(CommitLog.class);

  private final PartitionId id;
  private final StreamWriter writer;
  private final int blockBytesMax;
  private final ObjectIndex index;
  private final Consumer<StreamId> reclaimer;
  private final Runnable onApplied;
  private Runnable onBroken = () -> { };
  private Future<Void> tail = Future.succeededFuture();
  private boolean broken;
  private boolean sealed;

  CommitLog(PartitionId id, StreamWriter writer, int blockBytesMax, ObjectIndex index,
      Consumer<StreamId> reclaimer, Runnable onApplied) {
    this.id = id;
    this.writer = writer;
    this.blockBytesMax = blockBytesMax;
    this.index = index;
    this.reclaimer = reclaimer;
    this.onApplied = onApplied;
  }

  synchronized void onBroken(Runnable listener) {
    this.onBroken = listener;
  }

  /** Appends {@code record}, then applies it; completes once it is durable and visible. */
  Future<Void> append(CommitLogRecord record) {
    Buffer block = CommitLogCodec.encode(record, writer.epoch());
    if (block.length() > blockBytesMax) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.BAD_REQUEST,
          "index record of " + block.length() + " bytes exceeds a block"));
    }
    Future<Void> mine;
    synchronized (this) {
      if (broken || sealed) {
        return Future.failedFuture(notServing());
      }
      // Called under the lock: the stream orders appends in call order, and so does the chain.
      Future<List<ExtentPointer>> appended = writer.append(List.of(block));
      mine = tail.transform(ignored -> appended.transform(ar -> applied(record, ar.succeeded()
          ? ar.result().get(0) : null, ar.cause())));
      tail = mine.transform(ar -> Future.succeededFuture());
    }
    return mine;
  }

  private Future<Void> applied(CommitLogRecord record, ExtentPointer at, Throwable failure) {
    Runnable notify = null;
    synchronized (this) {
      if (broken) {
        // this record may be durable (its append succeeded), so the call may have taken effect:
        // never NOT_SERVING, which promises that nothing happened
        return Future.failedFuture(new PartitionException(PartitionErrorCode.UNAVAILABLE,
            id + " broke while this write was committed: its outcome shows after the reload"));
      }
      if (failure != null && breaks(failure)) {
        broken = true;
        notify = onBroken;
        log.warn("{} commit-log append failed, the range is broken until loaded again: {}", id, failure.toString());
      }
    }
    if (notify != null) {
      notify.run();
    }
    if (failure != null) {
      return Future.failedFuture(StreamFailures.translate(failure));
    }
    // decided by the index as the record applies, as a replay decides it
    Optional<PartitionException> refused = index.refusal(record);
    List<String> freed = index.apply(record, at);
    freed.forEach(s -> reclaimer.accept(StreamId.of(s)));
    onApplied.run();
    return refused.isPresent() ? Future.failedFuture(refused.get()) : Future.succeededFuture();
  }

  /** Whether a failed append leaves the log to be loaded again: fenced, or of unknown outcome. */
  private static boolean breaks(Throwable failure) {
    return !(failure instanceof StreamException se)
        || se.code() == StreamErrorCode.FENCED || se.code() == StreamErrorCode.UNRESOLVED;
  }

  private PartitionException notServing() {
    return new PartitionException(PartitionErrorCode.NOT_SERVING,
        id + (broken ? " is broken (a commit-log append failed) and reloads" : " is closing"));
  }

  synchronized boolean broken() {
    return broken;
  }

  /** No append starts after this; completes once every append started has been applied or has failed. */
  synchronized Future<Void> seal() {
    sealed = true;
    return tail;
  }
}
