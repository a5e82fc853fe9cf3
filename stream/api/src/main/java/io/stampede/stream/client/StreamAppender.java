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
 * Appends to one stream in call order with group commit: one batch is in flight to the open
 * extent's primary at a time; appends arriving meanwhile queue and leave together as the next
 * batch. After a batch that takes the extent to its target size, the extent is sealed at the
 * acknowledged length and appends continue on a new extent.
 *
 * <p>When a batch fails (a replica unreachable, a timeout, replicas disagreeing), the extent is
 * sealed at its commit length by the stream manager, which opens a new extent on healthy nodes.
 * The appender knows where the failed batch started (the acknowledged length), so blocks the
 * sealed length already covers are acknowledged from the sealed extent (no duplicates) and only
 * the rest is sent again, on the new extent, a bounded number of times with backoff. When the
 * stream manager answers that the stream was deleted ({@link StreamErrorCode#DELETED}), the
 * appends fail at once with that answer, never retried.
 */
final class StreamAppender {
  private static final Logger log = LoggerFactory.getLogger(StreamAppender.class);
  private static final long BACKOFF_MAX_MS = 2000;

  private final StreamId stream;
  private final Vertx vertx;
  private final StreamManagerApi manager;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamClientConfig config;
  private final Consumer<StreamInfo> onStreamInfo;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int queuedBlocks;
  private boolean inFlight;
  private volatile StreamInfo info;
  /** The acknowledged length of {@code ackedExtent}: where the next batch lands. */
  private ExtentId ackedExtent;
  private long ackedLength;
  /** An extent a batch failed on that could not be sealed yet: seal it before any append. */
  private ExtentId unsealed;

  StreamAppender(StreamId stream, Vertx vertx, StreamManagerApi manager,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamClientConfig config,
      Consumer<StreamInfo> onStreamInfo) {
    this.stream = stream;
    this.vertx = vertx;
    this.manager = manager;
    this.connector = connector;
    this.config = config;
    this.onStreamInfo = onStreamInfo;
  }

  Future<List<ExtentPointer>> submit(List<Buffer> blocks) {
    Pending p = new Pending(List.copyOf(blocks));
    if (blocks.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    synchronized (this) {
      if (queuedBlocks + blocks.size() > config.appendQueueBlocksMax()) {
        return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
            stream + " append queue full (" + queuedBlocks + " blocks)"));
      }
      queue.add(p);
      queuedBlocks += blocks.size();
    }
    pump();
    return p.promise.future();
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
        batch.forEach(item -> item.pending.fail(ar.cause()));
      }
      synchronized (this) {
        inFlight = false;
      }
      pump();
    });
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
        queuedBlocks -= p.blocks.size();
      }
    }
    return batch;
  }

  /** Try {@code attempt} of {@code batch}: append, or seal on failure and send the rest again. */
  private Future<Void> send(List<Item> batch, int attempt) {
    List<Buffer> blocks = batch.stream().map(Item::block).toList();
    return openExtent().compose(extent -> startOffset(extent).compose(
        start -> connector.apply(extent.primary()).append(extent.id(), blocks).compose(result -> {
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
   * it at its commit length, acknowledge the blocks the sealed length covers, send the rest on.
   */
  private Future<Void> sealAndResend(ExtentInfo extent, long start, List<Item> batch, int attempt,
      Throwable cause) {
    log.warn("{} append to {} failed (try {}), sealing it: {}", stream, extent.id(), attempt,
        cause.toString());
    info = null;
    unsealed = extent.id();
    return sealCommitLength(extent.id(), attempt, cause).compose(sealedLength -> {
      List<Item> rest = start < 0 ? batch : ackCovered(extent.id(), start, sealedLength, batch);
      if (rest.size() < batch.size()) {
        log.info("{} {} of {} blocks were already in {} sealed at {}", stream,
            batch.size() - rest.size(), batch.size(), extent.id(), sealedLength);
      }
      return rest.isEmpty() ? Future.succeededFuture() : retry(rest, attempt, cause);
    });
  }

  private Future<Long> sealCommitLength(ExtentId extent, int attempt, Throwable cause) {
    return manager.sealAndExtend(stream, extent, StreamManagerApi.SEAL_AT_COMMIT_LENGTH)
        .map(sealed -> {
          remember(sealed);
          unsealed = null;
          return sealed.extents().stream().filter(e -> e.id().equals(extent) && e.sealed())
              .findFirst().orElseThrow(() -> new StreamException(StreamErrorCode.INTERNAL,
                  stream + " " + extent + " is not sealed after sealAndExtend"))
              .sealedLength();
        })
        .recover(t -> {
          if (attempt >= config.appendAttemptsMax() || deleted(t)) {
            return Future.failedFuture(t);
          }
          log.warn("{} cannot seal {} yet (try {}): {}", stream, extent, attempt, t.toString());
          return backoff(attempt).compose(v -> sealCommitLength(extent, attempt + 1, cause));
        });
  }

  /** Acknowledges the leading blocks that lie wholly below {@code sealedLength}; returns the rest. */
  private static List<Item> ackCovered(ExtentId extent, long start, long sealedLength,
      List<Item> batch) {
    long offset = start;
    int i = 0;
    for (; i < batch.size(); i++) {
      long end = offset + BLOCK_OVERHEAD_BYTES + batch.get(i).block().length();
      if (end > sealedLength) {
        break;
      }
      batch.get(i).ack(extent, offset);
      offset = end;
    }
    return batch.subList(i, batch.size());
  }

  private Future<Void> retry(List<Item> batch, int attempt, Throwable cause) {
    if (attempt >= config.appendAttemptsMax() || deleted(cause)) {
      return Future.failedFuture(cause);
    }
    return backoff(attempt).compose(v -> send(batch, attempt + 1));
  }

  private static boolean deleted(Throwable t) {
    return t instanceof StreamException e && e.code() == StreamErrorCode.DELETED;
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
    return manager.sealAndExtend(stream, extent.id(), length)
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
    if (cached != null && !cached.last().sealed()) {
      return Future.succeededFuture(cached.last());
    }
    return manager.openStream(stream).compose(opened -> {
      remember(opened);
      ExtentInfo last = opened.last();
      if (!last.id().equals(unsealed)) {
        return Future.succeededFuture(last);
      }
      // a failed batch may sit in it: never append behind it without sealing first
      return sealCommitLength(last.id(), 1, null).compose(v -> openExtent());
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
    final ExtentPointer[] pointers;
    final Promise<List<ExtentPointer>> promise = Promise.promise();
    int next;
    int acked;
    volatile boolean failed;

    Pending(List<Buffer> blocks) {
      this.blocks = blocks;
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
