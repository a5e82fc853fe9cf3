package io.stampede.stream.client;

import io.stampede.common.id.StreamId;
import io.stampede.stream.api.AppendResult;
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
 */
final class StreamAppender {
  private static final Logger log = LoggerFactory.getLogger(StreamAppender.class);

  private final StreamId stream;
  private final StreamManagerApi manager;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamClientConfig config;
  private final Consumer<StreamInfo> onStreamInfo;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int queuedBlocks;
  private boolean inFlight;
  private volatile StreamInfo info;

  StreamAppender(StreamId stream, StreamManagerApi manager,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamClientConfig config,
      Consumer<StreamInfo> onStreamInfo) {
    this.stream = stream;
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
    send(batch).onComplete(ar -> {
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

  private Future<Void> send(List<Item> batch) {
    List<Buffer> blocks = batch.stream().map(Item::block).toList();
    return openExtent().compose(extent -> connector.apply(extent.primary())
        .append(extent.id(), blocks)
        .compose(result -> {
          acknowledge(extent, batch, result);
          return result.extentLength() >= config.extentBytesTarget()
              ? rollOver(extent, result.extentLength())
              : Future.succeededFuture();
        }));
  }

  private void acknowledge(ExtentInfo extent, List<Item> batch, AppendResult result) {
    if (result.offsets().size() != batch.size()) {
      throw new StreamException(StreamErrorCode.INTERNAL, stream + " primary of " + extent.id()
          + " answered " + result.offsets().size() + " offsets for " + batch.size() + " blocks");
    }
    for (int i = 0; i < batch.size(); i++) {
      Item item = batch.get(i);
      item.pending.ack(item.index,
          new ExtentPointer(extent.id(), result.offsets().get(i), item.block().length()));
    }
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
    return manager.openStream(stream).map(opened -> {
      remember(opened);
      return opened.last();
    });
  }

  private void remember(StreamInfo opened) {
    info = opened;
    onStreamInfo.accept(opened);
  }

  private record Item(Pending pending, int index) {
    Buffer block() {
      return pending.blocks.get(index);
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
