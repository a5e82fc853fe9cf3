package io.stampede.partition.range;

import io.stampede.common.id.StreamId;
import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.client.OwnedStreams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes one object body to a blob stream, through its owner's writer: cuts it into blocks of at most
 * {@code blockBytesMax}, appends them in order, pauses the body while {@code pendingBlocksMax}
 * appends are in flight, and computes the MD5 and one S3 checksum. Fails INCOMPLETE_BODY if the body fails or its
 * byte count differs from {@code contentLength}; appended blocks are then garbage no index
 * record points to.
 */
final class BlobWriter {
  private final OwnedStreams streams;
  private final StreamId blobStream;
  private final ReadStream<Buffer> body;
  private final long contentLength;
  private final int pendingBlocksMax;
  private final int blockBytesMax;
  private final Context context;
  private final MessageDigest md5;
  private final ChecksumAlgorithm.Digest checksum;
  private final Promise<BlobWritten> done = Promise.promise();
  private final List<Future<List<ExtentPointer>>> appends = new ArrayList<>();
  private Buffer current;
  private long received;
  private int pending;
  private boolean paused;
  private boolean bodyEnded;

  private BlobWriter(OwnedStreams streams, StreamId blobStream, ReadStream<Buffer> body, long contentLength,
      ChecksumAlgorithm algorithm, int pendingBlocksMax, Context context) {
    this.streams = streams;
    this.blobStream = blobStream;
    this.body = body;
    this.contentLength = contentLength;
    this.pendingBlocksMax = pendingBlocksMax;
    this.blockBytesMax = streams.client().blockBytesMax();
    this.context = context;
    this.current = Buffer.buffer();
    this.checksum = algorithm.newDigest();
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code body}, computing its MD5 and its {@code algorithm} checksum on the way. */
  static Future<BlobWritten> write(OwnedStreams streams, StreamId blobStream, ReadStream<Buffer> body,
      long contentLength, ChecksumAlgorithm algorithm, int pendingBlocksMax, Context context) {
    BlobWriter w = new BlobWriter(streams, blobStream, body, contentLength, algorithm, pendingBlocksMax, context);
    context.runOnContext(v -> w.start());
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
    byte[] bytes = buf.getBytes();
    md5.update(bytes);
    checksum.update(bytes, 0, bytes.length);
    int at = 0;
    while (at < buf.length()) {
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
    current = Buffer.buffer();
    pending++;
    Future<List<ExtentPointer>> append = streams.append(blobStream, List.of(block));
    appends.add(append);
    append.onComplete(ar -> context.runOnContext(v -> {
      pending--;
      if (ar.failed()) {
        fail(StreamFailures.translate(ar.cause()));
      } else if (paused && pending < pendingBlocksMax) {
        paused = false;
        body.resume();
      }
      maybeFinish();
    }));
    if (pending >= pendingBlocksMax && !paused) {
      paused = true;
      body.pause();
    }
  }

  private void onEnd() {
    bodyEnded = true;
    if (received != contentLength) {
      fail(incomplete());
      return;
    }
    if (current.length() > 0) {
      flush();
    }
    maybeFinish();
  }

  private void maybeFinish() {
    if (!bodyEnded || pending > 0 || done.future().isComplete()) {
      return;
    }
    List<ExtentPointer> blob = new ArrayList<>();
    for (Future<List<ExtentPointer>> a : appends) {
      blob.addAll(a.result());
    }
    done.tryComplete(new BlobWritten(blob, received, HexFormat.of().formatHex(md5.digest()), checksum.value()));
  }

  private PartitionException incomplete() {
    return new PartitionException(PartitionErrorCode.INCOMPLETE_BODY,
        "body carried " + (bodyEnded ? "" : "at least ") + received + " bytes, declared " + contentLength);
  }

  private void fail(PartitionException e) {
    if (done.tryFail(e) && !bodyEnded) {
      body.pause();
    }
  }
}
