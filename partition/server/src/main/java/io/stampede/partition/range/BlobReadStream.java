package io.stampede.partition.range;

import io.stampede.common.flow.ByteBudget;
import io.stampede.common.key.ByteRange;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The bytes of one span of an object, read from its blob blocks on demand: a block is read only
 * when the consumer wants more and the previous one is used up, so at most one block (sliced
 * into chunks of at most {@code chunkBytesMax}) is held at a time. Blocks outside the span are
 * never read. Each block takes its bytes from the server's read {@code budget} before it is read
 * and gives them back once its last chunk is handed on, or when the read is cancelled, fails or
 * its consumer goes away: while the budget is spent, reads wait instead of piling blocks up.
 */
final class BlobReadStream implements ReadStream<Buffer> {
  private final StreamClient streams;
  private final List<ExtentPointer> blob;
  private final ByteRange.Span span;
  private final int chunkBytesMax;
  private final ByteBudget budget;
  private final Context context;
  private final ArrayDeque<Buffer> ready = new ArrayDeque<>();
  /** Budget bytes taken for the block being read or handed on; given back once. */
  private long held;
  private int nextBlock;
  private long nextBlockStart;
  private long demand = Long.MAX_VALUE;
  private boolean reading;
  private volatile boolean ended;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  BlobReadStream(StreamClient streams, List<ExtentPointer> blob, ByteRange.Span span, int chunkBytesMax,
      ByteBudget budget, Context context) {
    this.streams = streams;
    this.budget = budget;
    this.blob = blob;
    this.span = span;
    this.chunkBytesMax = chunkBytesMax;
    this.context = context;
    while (nextBlock < blob.size() && nextBlockStart + blob.get(nextBlock).length() <= span.start()) {
      nextBlockStart += blob.get(nextBlock).length();
      nextBlock++;
    }
  }

  @Override
  public BlobReadStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public BlobReadStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler != null) {
      context.runOnContext(v -> pump());
    }
    return this;
  }

  @Override
  public BlobReadStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public BlobReadStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public BlobReadStream fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    context.runOnContext(v -> pump());
    return this;
  }

  /** Reads no further block; what is buffered is dropped. Callable from any thread. */
  void cancel() {
    ended = true;
    context.runOnContext(v -> {
      ready.clear();
      releaseHeld();
    });
  }

  @Override
  public BlobReadStream endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  private void pump() {
    while (demand > 0 && !ready.isEmpty() && handler != null && !ended) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(ready.poll());
    }
    if (ready.isEmpty() && !reading) {
      releaseHeld();
    }
    if (!ready.isEmpty() || reading || ended || handler == null || demand == 0) {
      return;
    }
    if (nextBlock >= blob.size() || nextBlockStart > span.end()) {
      ended = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
      return;
    }
    ExtentPointer pointer = blob.get(nextBlock);
    long blockStart = nextBlockStart;
    nextBlock++;
    nextBlockStart += pointer.length();
    reading = true;
    budget.acquire(pointer.length()).onComplete(granted -> context.runOnContext(g -> {
      held = pointer.length();
      if (ended) {
        reading = false;
        releaseHeld();
        return;
      }
      read(pointer, blockStart);
    }));
  }

  private void read(ExtentPointer pointer, long blockStart) {
    streams.read(pointer).onComplete(ar -> context.runOnContext(v -> {
      reading = false;
      if (ended) {
        releaseHeld();
        return;
      }
      if (ar.failed()) {
        ended = true;
        releaseHeld();
        if (exceptionHandler != null) {
          exceptionHandler.handle(PartitionRpcErrors.translate(ar.cause()));
        }
        return;
      }
      slice(ar.result(), blockStart);
      pump();
    }));
  }

  private void releaseHeld() {
    if (held > 0) {
      budget.release(held);
      held = 0;
    }
  }

  private void slice(Buffer block, long blockStart) {
    int from = (int) Math.max(0, span.start() - blockStart);
    int to = (int) Math.min(block.length(), span.end() - blockStart + 1);
    for (int at = from; at < to; at += chunkBytesMax) {
      ready.add(block.slice(at, Math.min(to, at + chunkBytesMax)));
    }
  }
}
