package io.stampede.stream.client;

import static io.stampede.stream.api.ExtentNodeApi.BLOCK_OVERHEAD_BYTES;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one stream under one owner epoch ({@link StreamWriter}): appends in call order
 * with group commit: one batch is in flight to the open extent's primary at a time; appends
 * arriving meanwhile queue and leave together as the next batch. After a batch that takes the
 * extent to its target size, the extent is sealed at the acknowledged length and appends continue
 * on a new extent.
 *
 * <p>When a batch fails (a replica unreachable, a timeout, replicas disagreeing), the extent is
 * sealed at its commit length by the stream manager, which opens a new extent on healthy nodes.
 * Blocks of the failed batch that the sealed length covers are read back from the sealed extent
 * and acknowledged only where they hold exactly the bytes sent (no duplicates, and never a block
 * somebody else wrote taken for ours); the rest is sent again, on the new extent, a bounded
 * number of times with backoff. When the stream manager or an extent node answers that the stream
 * was deleted ({@link StreamErrorCode#DELETED}) or claimed by a newer owner
 * ({@link StreamErrorCode#FENCED}), this writer fails every append, queued or later, with that
 * answer, never retried.
 *
 * <p>So an append fails only once its outcome is known: none of its blocks is in the stream, nor
 * ever will be. A fenced batch is settled the same way against its extent as the new owner sealed
 * it (a claim seals the open extent at its commit length), so a block that made it into the new
 * owner's stream is acknowledged here too. Only when the extent can be neither sealed nor read in
 * time does an append fail {@link StreamErrorCode#UNRESOLVED}.
 */
final class StreamAppender implements StreamWriter {
  private static final Logger log = LoggerFactory.getLogger(StreamAppender.class);
  private static final long BACKOFF_MAX_MS = 2000;

  private final StreamId stream;
  private final long epoch;
  private final Vertx vertx;
  private final StreamManagerApi manager;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamClientConfig config;
  private final Consumer<StreamInfo> onStreamInfo;
  private final Consumer<List<ExtentId>> onDropped;
  private final ReplicaReader reader;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean inFlight;
  private volatile StreamInfo info;
  /** The acknowledged length of {@code ackedExtent}: where the next batch lands. */
  private ExtentId ackedExtent;
  private long ackedLength;
  /** An extent a batch failed on that could not be sealed yet: seal it before any append. */
  private ExtentId unsealed;
  /** Why this writer is done for good (fenced or deleted); null while it writes. */
  private volatile StreamException ended;

  StreamAppender(StreamInfo claimed, Vertx vertx, StreamManagerApi manager,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamClientConfig config,
      Consumer<StreamInfo> onStreamInfo, Consumer<List<ExtentId>> onDropped, ReplicaReader reader) {
    this.stream = claimed.id();
    this.epoch = claimed.epoch();
    this.info = claimed;
    this.reader = reader;
    this.vertx = vertx;
    this.manager = manager;
    this.connector = connector;
    this.config = config;
    this.onStreamInfo = onStreamInfo;
    this.onDropped = onDropped;
  }

  @Override
  public StreamId stream() {
    return stream;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public Future<List<ExtentPointer>> append(List<Buffer> blocks) {
    for (Buffer b : blocks) {
      if (b.length() > config.blockBytesMax()) {
        return Future.failedFuture(new StreamException(StreamErrorCode.TOO_LARGE,
            stream + " block of " + b.length() + " bytes over " + config.blockBytesMax()));
      }
    }
    Pending p = new Pending(List.copyOf(blocks));
    if (blocks.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    synchronized (this) {
      if (ended != null) {
        return Future.failedFuture(ended);
      }
      if (queuedBytes > 0 && queuedBytes + p.bytes > config.appendQueueBytesMax()) {
        return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
            stream + " append queue full (" + queuedBytes + " bytes)"));
      }
      queue.add(p);
      queuedBytes += p.bytes;
    }
    pump();
    return p.promise.future();
  }

  @Override
  public Future<StreamInfo> drop(List<ExtentId> extents) {
    StreamException why = ended;
    if (why != null) {
      return Future.failedFuture(why);
    }
    return manager.dropExtents(stream, extents, epoch).onSuccess(s -> {
      onDropped.accept(extents);
      onStreamInfo.accept(s);
    }).onFailure(t -> {
      if (terminal(t)) {
        end((StreamException) t);
      }
    });
  }

  private void pump() {
    List<Item> batch;
    synchronized (this) {
      if (inFlight) {
        return;
      }
      batch = takeBatch();
      if (batch.isEmpty()) {
        return;
      }
      inFlight = true;
    }
    send(batch, 1).onComplete(ar -> {
      if (ar.failed()) {
        info = null;
        if (terminal(ar.cause())) {
          end((StreamException) ar.cause());
        }
        batch.forEach(item -> item.pending.fail(ar.cause()));
      }
      synchronized (this) {
        inFlight = false;
      }
      pump();
    });
  }

  /**
   * Ends this writer for good: every queued append fails with {@code why}, and so does every
   * later one. Called when the stream was claimed again or deleted.
   */
  void end(StreamException why) {
    List<Pending> dropped;
    synchronized (this) {
      if (ended == null) {
        ended = why;
        log.info("{} writer of epoch {} ends: {}", stream, epoch, why.getMessage());
      }
      dropped = List.copyOf(queue);
      queue.clear();
      queuedBytes = 0;
    }
    dropped.forEach(p -> p.fail(ended));
  }

  /** Blocks from the head of the queue, within the batch bounds; at least one block. */
  private List<Item> takeBatch() {
    List<Item> batch = new ArrayList<>();
    long bytes = 0;
    while (!queue.isEmpty() && batch.size() < config.batchBlocksMax()) {
      Pending p = queue.peek();
      if (!p.failed && p.next < p.blocks.size()) {
        int len = p.blocks.get(p.next).length();
        if (!batch.isEmpty() && bytes + len > config.batchBytesMax()) {
          break;
        }
        batch.add(new Item(p, p.next++));
        bytes += len;
      }
      if (p.failed || p.next == p.blocks.size()) {
        queue.poll();
        queuedBytes -= p.bytes;
      }
    }
    return batch;
  }

  /** Try {@code attempt} of {@code batch}: append, or seal on failure and send the rest again. */
  private Future<Void> send(List<Item> batch, int attempt) {
    List<Buffer> blocks = batch.stream().map(Item::block).toList();
    return openExtent().compose(extent -> startOffset(extent).compose(
        start -> connector.apply(extent.primary()).append(extent.id(), epoch, blocks).compose(result -> {
          if (result.offsets().size() != batch.size()) {
            throw new StreamException(StreamErrorCode.INTERNAL, stream + " primary of "
                + extent.id() + " answered " + result.offsets().size() + " offsets for "
                + batch.size() + " blocks");
          }
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).ack(extent.id(), result.offsets().get(i));
          }
          acked(extent.id(), result.extentLength());
          return result.extentLength() >= config.extentBytesTarget()
              ? rollOver(extent, result.extentLength())
              : Future.<Void>succeededFuture();
        }, failure -> sealAndResend(extent, start, batch, attempt, failure)),
        failure -> sealAndResend(extent, -1, batch, attempt, failure)),
        failure -> retry(batch, attempt, failure));
  }

  /**
   * The batch that started at {@code start} (-1: nothing was sent) failed on {@code extent}: seal
   * it at its commit length, acknowledge the blocks the sealed length covers (once read back
   * identical), send the rest on.
   */
  private Future<Void> sealAndResend(ExtentInfo extent, long start, List<Item> batch, int attempt,
      Throwable cause) {
    if (fenced(cause)) {
      return settleFenced(extent.id(), start, batch, cause);
    }
    if (terminal(cause)) {
      return Future.failedFuture(cause);
    }
    log.warn("{} append to {} failed (try {}), sealing it: {}", stream, extent.id(), attempt,
        cause.toString());
    info = null;
    unsealed = extent.id();
    return sealCommitLength(extent.id(), attempt).transform(ar -> {
      if (ar.failed()) {
        if (fenced(ar.cause())) {
          return settleFenced(extent.id(), start, batch, ar.cause());
        }
        // a deleted stream has no outcome to tell
        return start < 0 || terminal(ar.cause()) ? Future.failedFuture(ar.cause()) : unresolved(extent.id(), ar.cause());
      }
      return covered(ar.result(), start, batch).compose(n -> {
        List<Item> rest = batch.subList(n, batch.size());
        return rest.isEmpty() ? Future.succeededFuture() : retry(rest, attempt, cause);
      });
    });
  }

  /**
   * This writer was fenced while {@code batch}, sent at {@code start} (-1: not sent), may have
   * been on its way into {@code extent}: the new owner's claim seals that extent. Acknowledges
   * exactly the blocks its sealed length covers (they are in the new owner's stream) and fails
   * the rest with {@code fenced} (they never will be).
   */
  private Future<Void> settleFenced(ExtentId extent, long start, List<Item> batch, Throwable fenced) {
    if (start < 0) {
      return Future.failedFuture(fenced);
    }
    long deadline = System.nanoTime() + config.rpcTimeout().toNanos();
    return sealedByOthers(extent, deadline, 1)
        .compose(sealed -> covered(sealed, start, batch))
        .transform(ar -> {
          end((StreamException) fenced);
          return ar.succeeded() && ar.result() == batch.size() ? Future.<Void>succeededFuture()
              : Future.failedFuture(ar.failed() ? ar.cause() : fenced);
        });
  }

  /**
   * {@code extent} once another owner has sealed it, asked again after retriable answers (not
   * sealed yet, manager unreachable) until {@code deadline} (nanoTime); unresolved otherwise.
   */
  private Future<ExtentInfo> sealedByOthers(ExtentId extent, long deadline, int attempt) {
    return manager.describeStream(stream).map(s -> s.extents().stream()
        .filter(e -> e.id().equals(extent)).findFirst()
        .orElseThrow(() -> new StreamException(StreamErrorCode.NOT_FOUND, extent + " left " + stream)))
        .compose(e -> e.sealed() ? Future.succeededFuture(e)
            : Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE, extent + " is not sealed yet")))
        .recover(t -> t instanceof StreamException se && se.retriable() && System.nanoTime() < deadline
            ? backoff(attempt).compose(v -> sealedByOthers(extent, deadline, attempt + 1))
            : unresolved(extent, t));
  }

  /**
   * How many leading blocks of {@code batch}, sent at {@code start} (-1: not sent), the sealed
   * extent holds (they are acknowledged); a block that cannot be read back leaves the batch
   * unresolved.
   */
  private Future<Integer> covered(ExtentInfo sealed, long start, List<Item> batch) {
    if (start < 0) {
      return Future.succeededFuture(0);
    }
    return coveredPrefix(sealed, start, batch, 0)
        .recover(t -> unresolved(sealed.id(), t))
        .onSuccess(n -> {
          if (n > 0) {
            log.info("{} {} of {} blocks were already in {} sealed at {}", stream, n, batch.size(),
                sealed.id(), sealed.sealedLength());
          }
        });
  }

  private <T> Future<T> unresolved(ExtentId extent, Throwable why) {
    log.warn("{} cannot tell whether a batch sent to {} is in the stream: {}", stream, extent, why.toString());
    return Future.failedFuture(new StreamException(StreamErrorCode.UNRESOLVED, stream + " append to "
        + extent + " has an unknown outcome: " + why.getMessage()));
  }

  private Future<ExtentInfo> sealCommitLength(ExtentId extent, int attempt) {
    return manager.sealAndExtend(stream, extent, StreamManagerApi.SEAL_AT_COMMIT_LENGTH, epoch)
        .map(sealed -> {
          remember(sealed);
          unsealed = null;
          return sealed.extents().stream().filter(e -> e.id().equals(extent) && e.sealed())
              .findFirst().orElseThrow(() -> new StreamException(StreamErrorCode.INTERNAL,
                  stream + " " + extent + " is not sealed after sealAndExtend"));
        })
        .recover(t -> {
          if (attempt >= config.appendAttemptsMax() || terminal(t)) {
            return Future.failedFuture(t);
          }
          log.warn("{} cannot seal {} yet (try {}): {}", stream, extent, attempt, t.toString());
          return backoff(attempt).compose(v -> sealCommitLength(extent, attempt + 1));
        });
  }

  /**
   * How many leading blocks of {@code batch}, sent at {@code start}, the sealed extent holds: each
   * must lie wholly below the sealed length and read back exactly as sent. A block that cannot be
   * read back fails the whole batch (it may be there: sending it again could duplicate it).
   */
  private Future<Integer> coveredPrefix(ExtentInfo sealed, long start, List<Item> batch, int i) {
    if (i == batch.size()) {
      return Future.succeededFuture(i);
    }
    Buffer block = batch.get(i).block();
    long end = start + BLOCK_OVERHEAD_BYTES + block.length();
    if (end > sealed.sealedLength()) {
      return Future.succeededFuture(i);
    }
    ExtentPointer at = new ExtentPointer(sealed.id(), start, block.length());
    return reader.block(sealed, at).compose(held -> {
      if (!held.equals(block)) {
        log.warn("{} {} holds other bytes than this writer sent at {}", stream, sealed.id(), start);
        return Future.succeededFuture(i);
      }
      batch.get(i).ack(sealed.id(), start);
      return coveredPrefix(sealed, end, batch, i + 1);
    });
  }

  private Future<Void> retry(List<Item> batch, int attempt, Throwable cause) {
    if (attempt >= config.appendAttemptsMax() || terminal(cause)) {
      return Future.failedFuture(cause);
    }
    return backoff(attempt).compose(v -> send(batch, attempt + 1));
  }

  /** Whether {@code t} ends this writer: the stream was deleted or claimed by a newer owner. */
  private static boolean terminal(Throwable t) {
    return t instanceof StreamException e
        && (e.code() == StreamErrorCode.DELETED || e.code() == StreamErrorCode.FENCED);
  }

  private static boolean fenced(Throwable t) {
    return t instanceof StreamException e && e.code() == StreamErrorCode.FENCED;
  }

  private Future<Void> backoff(int attempt) {
    long ms = Math.min(BACKOFF_MAX_MS, config.retryBackoff().toMillis() << Math.min(attempt - 1, 10));
    if (ms <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    return p.future();
  }

  /** Seals at the acknowledged length; a failure only delays the rollover to the next batch. */
  private Future<Void> rollOver(ExtentInfo extent, long length) {
    return manager.sealAndExtend(stream, extent.id(), length, epoch)
        .<Void>map(next -> {
          remember(next);
          log.info("{} sealed {} at {}, now appending to {}", stream, extent.id(), length,
              next.last().id());
          return null;
        })
        .recover(t -> {
          log.warn("{} could not seal {} at {}: {}", stream, extent.id(), length, t.toString());
          info = null;
          return Future.succeededFuture();
        });
  }

  private Future<ExtentInfo> openExtent() {
    StreamInfo cached = info;
    if (cached != null && cached.open()) {
      return Future.succeededFuture(cached.last());
    }
    return manager.openStream(stream, epoch).compose(opened -> {
      remember(opened);
      ExtentInfo last = opened.last();
      if (!last.id().equals(unsealed)) {
        return Future.succeededFuture(last);
      }
      // a failed batch may sit in it: never append behind it without sealing first
      return sealCommitLength(last.id(), 1).compose(v -> openExtent());
    });
  }

  /** Where the next block lands in {@code extent}: known after an append, else asked once. */
  private Future<Long> startOffset(ExtentInfo extent) {
    if (extent.id().equals(ackedExtent)) {
      return Future.succeededFuture(ackedLength);
    }
    return connector.apply(extent.primary()).length(extent.id()).map(len -> {
      acked(extent.id(), len);
      return len;
    });
  }

  private void acked(ExtentId extent, long length) {
    ackedExtent = extent;
    ackedLength = length;
  }

  private void remember(StreamInfo opened) {
    info = opened;
    onStreamInfo.accept(opened);
  }

  private record Item(Pending pending, int index) {
    Buffer block() {
      return pending.blocks.get(index);
    }

    void ack(ExtentId extent, long offset) {
      pending.ack(index, new ExtentPointer(extent, offset, block().length()));
    }
  }

  /** One caller's append: its blocks may leave in several batches. */
  private static final class Pending {
    final List<Buffer> blocks;
    final long bytes;
    final ExtentPointer[] pointers;
    final Promise<List<ExtentPointer>> promise = Promise.promise();
    int next;
    int acked;
    volatile boolean failed;

    Pending(List<Buffer> blocks) {
      this.blocks = blocks;
      this.bytes = blocks.stream().mapToLong(Buffer::length).sum();
      this.pointers = new ExtentPointer[blocks.size()];
    }

    void ack(int index, ExtentPointer pointer) {
      pointers[index] = pointer;
      if (++acked == blocks.size()) {
        promise.tryComplete(List.of(pointers));
      }
    }

    void fail(Throwable t) {
      failed = true;
      promise.tryFail(t);
    }
  }
}
