package io.stampede.stream.node;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders the appends to one extent on its primary with group commit: one batch is in flight at a
 * time, written locally and replicated to every secondary in parallel at the same offset; appends
 * arriving meanwhile queue (bounded in bytes, failing fast when full) and leave together as the next batch.
 * A batch completes only when every replica has fsynced it. A batch holds appends of one owner
 * epoch, which every replica checks (an older one is refused FENCED).
 */
final class PrimaryAppender {
  private static final Logger log = LoggerFactory.getLogger(PrimaryAppender.class);

  private final ExtentNode node;
  private final ExtentId extent;
  private final int batchBytesMax;
  private final long queueBytesMax;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean inFlight;
  /** Where the next batch goes; -1 when unknown (at first, and after a failed batch). */
  private long nextOffset = -1;

  PrimaryAppender(ExtentNode node, ExtentId extent, int batchBytesMax, long queueBytesMax) {
    this.node = node;
    this.extent = extent;
    this.batchBytesMax = batchBytesMax;
    this.queueBytesMax = queueBytesMax;
  }

  Future<AppendResult> submit(long epoch, List<Buffer> blocks) {
    Pending p = new Pending(epoch, List.copyOf(blocks));
    synchronized (this) {
      if (queuedBytes > 0 && queuedBytes + p.bytes > queueBytesMax) {
        return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
            node.name() + " " + extent + " append queue full (" + queuedBytes + " bytes)"));
      }
      queue.add(p);
      queuedBytes += p.bytes;
    }
    pump();
    return p.promise.future();
  }

  private void pump() {
    List<Pending> batch = new ArrayList<>();
    synchronized (this) {
      if (inFlight || queue.isEmpty()) {
        return;
      }
      long bytes = 0;
      long epoch = queue.peek().epoch;
      while (!queue.isEmpty() && queue.peek().epoch == epoch
          && (batch.isEmpty() || bytes + queue.peek().bytes <= batchBytesMax)) {
        Pending p = queue.poll();
        queuedBytes -= p.bytes;
        bytes += p.bytes;
        batch.add(p);
      }
      inFlight = true;
    }
    List<Buffer> blocks = batch.stream().flatMap(p -> p.blocks.stream()).toList();
    long epoch = batch.get(0).epoch;
    Future<Long> offset = nextOffset >= 0 ? Future.succeededFuture(nextOffset) : node.localLength(extent);
    offset.compose(at -> writeEverywhere(epoch, at, blocks)).onComplete(ar -> {
      if (ar.succeeded()) {
        complete(batch, ar.result());
      } else {
        nextOffset = -1;
        log.warn("{} append to {} failed: {}", node.name(), extent, ar.cause().toString());
        batch.forEach(p -> p.promise.tryFail(ar.cause()));
      }
      synchronized (this) {
        inFlight = false;
      }
      pump();
    });
  }

  private Future<AppendResult> writeEverywhere(long epoch, long offset, List<Buffer> blocks) {
    List<Future<AppendResult>> writes = new ArrayList<>();
    writes.add(node.writeLocally(extent, epoch, offset, blocks));
    for (ExtentNodeApi secondary : node.secondaries(extent)) {
      writes.add(secondary.replicate(extent, epoch, offset, blocks));
    }
    return Future.join(writes).map(done -> {
      AppendResult local = writes.get(0).result();
      for (Future<AppendResult> w : writes) {
        if (!w.result().offsets().equals(local.offsets())) {
          throw new StreamException(StreamErrorCode.OFFSET_MISMATCH,
              node.name() + " " + extent + " replicas disagree on offsets at " + offset);
        }
      }
      nextOffset = local.extentLength();
      return local;
    });
  }

  private static void complete(List<Pending> batch, AppendResult result) {
    int i = 0;
    for (Pending p : batch) {
      p.promise.tryComplete(new AppendResult(
          result.offsets().subList(i, i + p.blocks.size()), result.extentLength()));
      i += p.blocks.size();
    }
  }

  private static final class Pending {
    final long epoch;
    final List<Buffer> blocks;
    final long bytes;
    final Promise<AppendResult> promise = Promise.promise();

    Pending(long epoch, List<Buffer> blocks) {
      this.epoch = epoch;
      this.blocks = blocks;
      this.bytes = blocks.stream().mapToLong(Buffer::length).sum();
    }
  }
}
