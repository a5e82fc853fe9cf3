package io.stampede.partition.gc;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.IndexKey;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.index.ObjectIndex.BlobRef;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.client.OwnedStreams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One garbage-collection pass over a range's blob stream, as WAS does it:
 * <ol>
 *   <li>weighs every sealed extent of the stream (but its last) by the bytes the range's index
 *       still points at, every version counted, current or not;</li>
 *   <li>takes as well every extent of another range's blob stream the index points into (a
 *       range born of a split or merge shares its sources' extents until then): those blocks are
 *       always copied, so that the retired ranges' streams can go;</li>
 *   <li>for each extent under {@link GcConfig#liveRatioMin} live, copies the live blocks of
 *       every version using it, one block at a time, to the stream's tail through the range's
 *       writer, then commits a {@code Relocated} record (which moves the version's pointers only
 *       if it still has the blocks it had: a version removed or replaced meanwhile leaves the
 *       copies as garbage for a later pass);</li>
 *   <li>drops the extents no index entry points into any more from the stream, under the
 *       range's owner epoch: a range that lost the stream to a new owner cannot drop anything.</li>
 * </ol>
 * A crash at any point loses nothing: the old blocks stay until their extent is dropped, which
 * happens only after every move out of it is committed; a copy whose record never committed is
 * garbage like any other. The pass stops early (and drops nothing) once {@code stopped} says so.
 * An extent holding acknowledged blocks of an upload in flight (appended, not committed yet, so
 * invisible to the index) is never taken, however dead it looks; and nothing is dropped while an
 * upload that was in flight when the pass read the index has not ended, since its blocks not yet
 * acknowledged are pinned nowhere ({@link UploadsInFlight}): the next pass drops them.
 */
public final class BlobGc {
  private static final Logger log = LoggerFactory.getLogger(BlobGc.class);

  private final PartitionId id;
  private final StreamId stream;
  private final ObjectIndex index;
  private final OwnedStreams owned;
  private final Context context;
  private final double liveRatioMin;
  private final Function<CommitLogRecord, Future<Void>> commit;
  private final BooleanSupplier stopped;
  private final UploadsInFlight uploads;

  /**
   * A collector of range {@code id}'s blob stream {@code stream}; {@code commit} appends a record
   * to the range's commit log and applies it, as the range's writes do; {@code uploads} tells what the
   * range's uploads in flight have written.
   */
  public BlobGc(PartitionId id, StreamId stream, ObjectIndex index, OwnedStreams owned, Context context,
      double liveRatioMin, Function<CommitLogRecord, Future<Void>> commit, BooleanSupplier stopped,
      UploadsInFlight uploads) {
    this.id = id;
    this.stream = stream;
    this.index = index;
    this.owned = owned;
    this.context = context;
    this.liveRatioMin = liveRatioMin;
    this.commit = commit;
    this.stopped = stopped;
    this.uploads = uploads;
  }

  /** Runs one pass; completes with what it found and did. */
  public Future<GcPass> run() {
    // the index first, the stream after: every extent the index points into is then listed
    return context.executeBlocking(index::blobBytesByExtent, false).compose(live -> owned.client().describe(stream)
        .compose(info -> collect(info, live), t -> neverWritten(t)
            ? collect(new StreamInfo(stream, 0, List.of()), live) : Future.failedFuture(t)));
  }

  private static boolean neverWritten(Throwable t) {
    return t instanceof StreamException e && e.code() == StreamErrorCode.NOT_FOUND;
  }

  /** Whether every block the index points at (outside uploads' own streams) is in this range's stream now. */
  private Future<Boolean> ownBlobsOnly() {
    return context.executeBlocking(index::blobBytesByExtent, false).compose(live -> live.isEmpty()
        ? Future.succeededFuture(true)
        : owned.client().describe(stream).compose(info -> Future.succeededFuture(info.extents().stream()
            .map(ExtentInfo::id).collect(Collectors.toSet()).containsAll(live.keySet())),
            t -> neverWritten(t) ? Future.succeededFuture(false) : Future.failedFuture(t)));
  }

  private Future<GcPass> collect(StreamInfo info, Map<ExtentId, Long> live) {
    // after the stream was described: an upload that starts later appends only to extents that
    // were open then (never victims), so only the uploads in flight now can hold blocks in victims
    long mark = uploads.mark();
    List<ExtentInfo> extents = info.extents();
    long sealed = 0;
    long sealedLive = 0;
    long openLive = 0;
    Set<ExtentId> victims = new LinkedHashSet<>();
    for (int i = 0; i < extents.size(); i++) {
      ExtentInfo e = extents.get(i);
      long used = live.getOrDefault(e.id(), 0L);
      if (!e.sealed() || i == extents.size() - 1) {
        openLive += used;
        continue;
      }
      sealed += e.sealedLength();
      sealedLive += used;
      if ((used == 0 || used < liveRatioMin * e.sealedLength()) && !uploads.pins(e.id())) {
        victims.add(e.id());
      }
    }
    Set<ExtentId> own = extents.stream().map(ExtentInfo::id).collect(Collectors.toSet());
    Set<ExtentId> foreign = live.keySet().stream().filter(e -> !own.contains(e)).collect(Collectors.toSet());
    GcPass found = new GcPass(stream, sealed, sealedLive, openLive, 0, 0, 0, foreign.isEmpty());
    if (victims.isEmpty() && foreign.isEmpty()) {
      return Future.succeededFuture(found);
    }
    Set<ExtentId> moving = new LinkedHashSet<>(victims);
    moving.addAll(foreign);
    return context.executeBlocking(() -> index.blobsIn(moving), false)
        .compose(refs -> relocate(refs, moving))
        .compose(rewritten -> stopped.getAsBoolean() ? Future.succeededFuture(found)
            : drop(victims, mark).compose(dropped -> ownBlobsOnly().map(ownOnly -> {
              long droppedBytes = extents.stream().filter(e -> dropped.contains(e.id()))
                  .mapToLong(ExtentInfo::sealedLength).sum();
              GcPass pass = new GcPass(stream, found.sealedBytes(), found.sealedLiveBytes(), found.openLiveBytes(),
                  dropped.size(), droppedBytes, rewritten, ownOnly);
              log.info("{} gc of {}: {} sealed bytes, {} live; copied {} live bytes, dropped {} extent(s) of {} bytes",
                  id, stream, pass.sealedBytes(), pass.sealedLiveBytes(), rewritten, dropped.size(), droppedBytes);
              return pass;
            })));
  }

  /** Moves the versions of {@code refs} out of {@code victims}, one after the other; the bytes copied. */
  private Future<Long> relocate(List<BlobRef> refs, Set<ExtentId> victims) {
    Promise<Long> done = Promise.promise();
    next(refs.iterator(), victims, 0, done);
    return done.future();
  }

  private void next(Iterator<BlobRef> refs, Set<ExtentId> victims, long copied, Promise<Long> done) {
    if (!refs.hasNext() || stopped.getAsBoolean()) {
      done.complete(copied);
      return;
    }
    BlobRef ref = refs.next();
    boolean unchanged = index.version(IndexKey.of(ref.bucket(), ref.key()), ref.versionId())
        .filter(v -> v.blob().equals(ref.blob())).isPresent();
    Future<Long> moved = !unchanged ? Future.succeededFuture(0L) : copy(ref.blob(), victims)
        .compose(to -> commit.apply(new CommitLogRecord.Relocated(ref.bucket(), ref.key(), ref.versionId(),
            ref.blob(), to)))
        .map(v -> ref.blob().stream().filter(p -> victims.contains(p.extent())).mapToLong(ExtentPointer::length).sum());
    // each step on a fresh stack: a pass may move many thousands of versions
    moved.onComplete(ar -> context.runOnContext(v -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else {
        next(refs, victims, copied + ar.result(), done);
      }
    }));
  }

  /** The blob with every block in {@code victims} copied to the stream's tail, one block at a time. */
  private Future<List<ExtentPointer>> copy(List<ExtentPointer> blob, Set<ExtentId> victims) {
    List<ExtentPointer> to = new ArrayList<>(blob.size());
    Future<Void> chain = Future.succeededFuture();
    for (ExtentPointer p : blob) {
      chain = chain.compose(v -> {
        if (!victims.contains(p.extent())) {
          to.add(p);
          return Future.succeededFuture();
        }
        return owned.client().read(p).compose(block -> owned.append(stream, List.of(block)))
            .map(pointers -> {
              to.add(pointers.get(0));
              return null;
            });
      });
    }
    return chain.map(v -> to);
  }

  /**
   * Drops the extents of {@code victims} no version points into any more, once every upload in
   * flight at {@code mark} has ended (none otherwise: the next pass drops them); the ones dropped.
   */
  private Future<List<ExtentId>> drop(Set<ExtentId> victims, long mark) {
    if (!uploads.endedSince(mark)) {
      log.info("{} gc of {} drops nothing this pass: an upload older than the pass is still in flight", id, stream);
      return Future.succeededFuture(List.of());
    }
    return context.executeBlocking(() -> index.blobsIn(victims), false).compose(still -> {
      Set<ExtentId> used = still.stream().flatMap(r -> r.blob().stream()).map(ExtentPointer::extent)
          .collect(Collectors.toSet());
      List<ExtentId> unused = victims.stream().filter(e -> !used.contains(e) && !uploads.pins(e)).toList();
      if (unused.isEmpty()) {
        return Future.succeededFuture(List.<ExtentId>of());
      }
      return owned.writer(stream).compose(w -> w.drop(unused)).map(s -> unused);
    });
  }
}
