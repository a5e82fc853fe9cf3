package io.stampede.partition.range;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.flow.ByteBudget;
import io.stampede.common.id.StreamId;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.client.OwnedStreams;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes one object body to a blob stream, through its owner's writer: cuts it into blocks of at
 * most {@code blockBytesMax}, appends them in order, and computes the MD5 and one S3 checksum.
 * Each full block takes its bytes from the server's {@code budget} before it is appended and
 * gives them back when the append completes. The body is paused while a block waits for budget
 * or while {@code pendingBlocksMax} blocks are waiting or appending, so an upload holds at most
 * those blocks plus the one it is filling. Every extent a block lands in is pinned in {@code pins}
 * (garbage collection leaves it) until the caller ends them, once the blob is committed or not.
 * Fails INCOMPLETE_BODY if the body fails or its byte count differs from {@code contentLength};
 * appended blocks are then garbage no index record points to.
 */
final class BlobWriter {
  private final OwnedStreams streams;
  private final StreamId blobStream;
  private final ReadStream<Buffer> body;
  private final long contentLength;
  private final int pendingBlocksMax;
  private final int blockBytesMax;
  private final ByteBudget budget;
  private final PinnedExtents.Upload pins;
  private final Context context;
  private final MessageDigest md5;
  private final ChecksumAlgorithm.Digest checksum;
  private final Promise<BlobWritten> done = Promise.promise();
  /** Where each block landed, by block index: pointers only, never the appends' futures (they hold the blocks). */
  private final List<List<ExtentPointer>> landed = new ArrayList<>();
  /** Full blocks waiting for budget, in order; only the head asks for it. */
  private final ArrayDeque<Buffer> unbudgeted = new ArrayDeque<>();
  private Buffer current;
  private long received;
  private long cut;
  private int pending;
  private boolean asking;
  private boolean paused;
  private boolean bodyEnded;

  private BlobWriter(OwnedStreams streams, StreamId blobStream, ReadStream<Buffer> body, long contentLength,
      ChecksumAlgorithm algorithm, PinnedExtents.Upload pins, RangeServices services) {
    this.streams = streams;
    this.blobStream = blobStream;
    this.body = body;
    this.contentLength = contentLength;
    this.pendingBlocksMax = services.config().pendingBlocksMax();
    this.blockBytesMax = streams.client().blockBytesMax();
    this.budget = services.blobWrites();
    this.pins = pins;
    this.context = services.context();
    this.checksum = algorithm.newDigest();
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code body}, computing its MD5 and its {@code algorithm} checksum on the way, under
   * the budget and settings of {@code services}; pins the extents written to in {@code pins}.
   */
  static Future<BlobWritten> write(OwnedStreams streams, StreamId blobStream, ReadStream<Buffer> body,
      long contentLength, ChecksumAlgorithm algorithm, PinnedExtents.Upload pins, RangeServices services) {
    BlobWriter w = new BlobWriter(streams, blobStream, body, contentLength, algorithm, pins, services);
    w.context.runOnContext(v -> w.start());
    return w.done.future();
  }

  private void start() {
    body.exceptionHandler(t -> fail(new PartitionException(PartitionErrorCode.INCOMPLETE_BODY, "body failed: " + t, t)));
    body.endHandler(v -> onEnd());
    body.handler(this::onData);
    body.resume();
  }

  private void onData(Buffer buf) {
    if (done.future().isComplete()) {
      return;
    }
    received += buf.length();
    if (received > contentLength) {
      fail(incomplete());
      return;
    }
    // digests read the chunk where it lies: a copy of every chunk would cost as much as they do
    ByteBuffer bytes = RpcBytes.nio(buf);
    md5.update(bytes.duplicate());
    checksum.update(bytes);
    int at = 0;
    while (at < buf.length()) {
      if (current == null) {
        // sized to what is left, so a block is never grown (and copied) while it fills
        current = Buffer.buffer((int) Math.min(blockBytesMax, contentLength - cut));
      }
      int take = Math.min(blockBytesMax - current.length(), buf.length() - at);
      current.appendBuffer(buf, at, take);
      at += take;
      if (current.length() == blockBytesMax) {
        flush();
      }
    }
  }

  private void flush() {
    Buffer block = current;
    current = null;
    cut += block.length();
    pending++;
    unbudgeted.add(block);
    askBudget();
    holdBack();
  }

  /** Asks the budget for the head block's bytes; appends each block granted, in order. */
  private void askBudget() {
    while (!asking && !unbudgeted.isEmpty() && !done.future().isComplete()) {
      Buffer block = unbudgeted.peek();
      Future<Void> grant = budget.acquire(block.length());
      if (grant.isComplete()) {
        unbudgeted.poll();
        append(block);
        continue;
      }
      asking = true;
      grant.onComplete(ar -> context.runOnContext(v -> {
        asking = false;
        unbudgeted.poll();
        if (done.future().isComplete()) {
          budget.release(block.length());
          pending--;
        } else {
          append(block);
          askBudget();
          holdBack();
        }
      }));
    }
  }

  private void append(Buffer block) {
    int index = landed.size();
    int bytes = block.length();
    landed.add(null);
    streams.append(blobStream, List.of(block)).onComplete(ar -> {
      if (ar.succeeded()) {
        pins.landed(ar.result());
      }
      context.runOnContext(v -> appended(index, bytes, ar));
    });
  }

  private void appended(int index, int bytes, AsyncResult<List<ExtentPointer>> ar) {
    budget.release(bytes);
    pending--;
    if (ar.failed()) {
      fail(StreamFailures.translate(ar.cause()));
    } else {
      landed.set(index, ar.result());
      holdBack();
    }
    maybeFinish();
  }

  /** Pauses the body while a block waits for budget or too many are pending; resumes it otherwise. */
  private void holdBack() {
    boolean hold = asking || pending >= pendingBlocksMax;
    if (hold && !paused) {
      paused = true;
      body.pause();
    } else if (!hold && paused && !bodyEnded && !done.future().isComplete()) {
      paused = false;
      body.resume();
    }
  }

  private void onEnd() {
    bodyEnded = true;
    if (received != contentLength) {
      fail(incomplete());
      return;
    }
    if (current != null && current.length() > 0) {
      flush();
    }
    maybeFinish();
  }

  private void maybeFinish() {
    if (!bodyEnded || pending > 0 || done.future().isComplete()) {
      return;
    }
    List<ExtentPointer> blob = new ArrayList<>();
    landed.forEach(blob::addAll);
    done.tryComplete(new BlobWritten(blob, received, HexFormat.of().formatHex(md5.digest()), checksum.value()));
  }

  private PartitionException incomplete() {
    return new PartitionException(PartitionErrorCode.INCOMPLETE_BODY,
        "body carried " + (bodyEnded ? "" : "at least ") + received + " bytes, declared " + contentLength);
  }

  private void fail(PartitionException e) {
    if (done.tryFail(e)) {
      // blocks waiting for budget are dropped, but the head's grant, if asked for, still comes
      Buffer asked = asking ? unbudgeted.peek() : null;
      pending -= unbudgeted.size();
      unbudgeted.clear();
      if (asked != null) {
        unbudgeted.add(asked);
        pending++;
      }
      if (!bodyEnded) {
        body.pause();
      }
    }
  }
}
