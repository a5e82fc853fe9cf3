package io.stampede.partition.api.blob;

import io.stampede.common.flow.ByteBudget;
import io.stampede.common.key.ByteRange;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.stream.api.ExtentPointer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;

/**
 * The bytes of one span of an object, read from its blob blocks ahead of the consumer: up to
 * {@code readAheadBlocks} blocks (counting the one being handed on) are held or being read from
 * the stream layer at once, in order, so the
 * round trip to the extent nodes is paid once per window rather than once per block. Blocks are
 * handed on in object order, each sliced into chunks of at most {@code chunkBytesMax}; blocks
 * outside the span are never read. Each block takes its bytes from the server's read
 * {@code budget} before it is read and gives them back once its last chunk is handed on, or when
 * the read is cancelled, fails or its consumer goes away: while the budget is spent, reads wait
 * instead of piling blocks up. Blocks come from {@code blocks}: the stream layer's reader in a
 * partition server, the extent nodes' data plane in a front-end. Runs on {@code context}.
 */
public final class BlobReadStream implements ReadStream<Buffer> {
  private final Function<ExtentPointer, Future<Buffer>> blocks;
  private final List<ExtentPointer> blob;
  private final ByteRange.Span span;
  private final int chunkBytesMax;
  private final int readAheadBlocks;
  private final ByteBudget budget;
  private final Context context;
  /** Chunks of the block being handed on. */
  private final ArrayDeque<Buffer> ready = new ArrayDeque<>();
  /** Blocks being read (or waiting for budget), in object order. */
  private final ArrayDeque<BlockRead> ahead = new ArrayDeque<>();
  /** Budget bytes of the block being handed on; given back once. */
  private long held;
  private final int firstSpanBlock;
  private final long firstSpanBlockStart;
  private int nextBlock;
  private long nextBlockStart;
  private long demand = Long.MAX_VALUE;
  private volatile boolean ended;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  /**
   * The bytes {@code span} of an object whose blocks from object offset {@code blobStart} on are
   * {@code blob} (all of them from 0, or those from the one holding the span's start).
   */
  public BlobReadStream(Function<ExtentPointer, Future<Buffer>> blocks, List<ExtentPointer> blob, long blobStart,
      ByteRange.Span span, int chunkBytesMax, int readAheadBlocks, ByteBudget budget, Context context) {
    this.blocks = blocks;
    this.budget = budget;
    this.blob = blob;
    this.span = span;
    this.chunkBytesMax = chunkBytesMax;
    this.readAheadBlocks = readAheadBlocks;
    this.context = context;
    this.nextBlockStart = blobStart;
    while (nextBlock < blob.size() && nextBlockStart + blob.get(nextBlock).length() <= span.start()) {
      nextBlockStart += blob.get(nextBlock).length();
      nextBlock++;
    }
    this.firstSpanBlock = nextBlock;
    this.firstSpanBlockStart = nextBlockStart;
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

  /** The blocks holding bytes of the span, in object order. */
  public List<ExtentPointer> spanBlocks() {
    int last = firstSpanBlock;
    long at = firstSpanBlockStart;
    while (last < blob.size() && at <= span.end()) {
      at += blob.get(last).length();
      last++;
    }
    return blob.subList(firstSpanBlock, last);
  }

  /** The object offset of the first of {@link #spanBlocks()}. */
  public long spanBlocksStart() {
    return firstSpanBlockStart;
  }

  /** The bytes this stream hands on. */
  public ByteRange.Span span() {
    return span;
  }

  /** Reads no further block; what is buffered is dropped. Callable from any thread. */
  public void cancel() {
    ended = true;
    context.runOnContext(v -> drop());
  }

  @Override
  public BlobReadStream endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  private void pump() {
    if (ended || handler == null) {
      return;
    }
    while (true) {
      while (demand > 0 && !ready.isEmpty() && !ended) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(ready.poll());
      }
      if (!ready.isEmpty() || ended) {
        break;
      }
      releaseHeld();
      BlockRead head = ahead.peek();
      if (head == null || head.result == null) {
        break;
      }
      ahead.poll();
      held = head.pointer.length();
      if (head.result.failed()) {
        fail(head.result.cause());
        return;
      }
      slice(head.result.result(), head.blockStart);
    }
    readAhead();
    if (!ended && ready.isEmpty() && ahead.isEmpty() && nothingLeft()) {
      ended = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
    }
  }

  /** Starts reads of the next blocks of the span while the window (with the block handed on) has room. */
  private void readAhead() {
    while (!ended && ahead.size() + (held > 0 ? 1 : 0) < readAheadBlocks && !nothingLeft()) {
      BlockRead read = new BlockRead(blob.get(nextBlock), nextBlockStart);
      nextBlock++;
      nextBlockStart += read.pointer.length();
      ahead.add(read);
      budget.acquire(read.pointer.length()).onComplete(granted -> context.runOnContext(g -> {
        if (ended) {
          budget.release(read.pointer.length());
          return;
        }
        blocks.apply(read.pointer).onComplete(ar -> context.runOnContext(v -> read(read, ar)));
      }));
    }
  }

  private void read(BlockRead read, AsyncResult<Buffer> result) {
    if (ended) {
      budget.release(read.pointer.length());
      return;
    }
    read.result = result;
    pump();
  }

  private boolean nothingLeft() {
    return nextBlock >= blob.size() || nextBlockStart > span.end();
  }

  private void fail(Throwable cause) {
    ended = true;
    drop();
    if (exceptionHandler != null) {
      exceptionHandler.handle(PartitionRpcErrors.translate(cause));
    }
  }

  /** Gives back the budget of every block held or read already; reads still running give theirs back as they end. */
  private void drop() {
    ready.clear();
    releaseHeld();
    for (BlockRead r : ahead) {
      if (r.result != null) {
        budget.release(r.pointer.length());
      }
    }
    ahead.clear();
  }

  private void releaseHeld() {
    if (held > 0) {
      budget.release(held);
      held = 0;
    }
  }

  /**
   * Cuts the span's part of a block into chunks. A block that arrived in pieces (a composite
   * buffer) is cut along its pieces too: a chunk spanning two pieces would be merged into a copy
   * wherever it meets a socket or a message.
   */
  private void slice(Buffer block, long blockStart) {
    int from = (int) Math.max(0, span.start() - blockStart);
    int to = (int) Math.min(block.length(), span.end() - blockStart + 1);
    if (from >= to) {
      return;
    }
    // a block received in pieces is handed on piece by piece: a chunk across pieces would be
    // merged into a new array on its way to the socket
    for (Buffer piece : RpcBytes.pieces(block, from, to)) {
      chunk(piece, 0, piece.length());
    }
  }

  private void chunk(Buffer bytes, int from, int to) {
    for (int at = from; at < to; at += chunkBytesMax) {
      ready.add(bytes.slice(at, Math.min(to, at + chunkBytesMax)));
    }
  }

  /** One block being read; {@code result} is set (on the context) once the read ends. */
  private static final class BlockRead {
    final ExtentPointer pointer;
    final long blockStart;
    AsyncResult<Buffer> result;

    BlockRead(ExtentPointer pointer, long blockStart) {
      this.pointer = pointer;
      this.blockStart = blockStart;
    }
  }
}
