package io.stampede.stream.node;

import io.netty.buffer.ByteBuf;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.http.BlockTransfer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves block reads ({@link BlockTransfer}) from an extent node: the node reads the block's
 * stored record on its I/O pool, unchecked, into a pooled direct buffer that goes to the socket as
 * it is (no copy on the heap); the reader checks its checksum. Not {@code sendFile}: that opens the file, and reads what the page cache lacks,
 * on the event loop. A halted node answers nothing, like its gRPC service.
 */
final class BlockReadHandler implements Handler<HttpServerRequest> {
  private static final Logger log = LoggerFactory.getLogger(BlockReadHandler.class);

  private final ExtentNode node;

  BlockReadHandler(ExtentNode node) {
    this.node = node;
  }

  @Override
  public void handle(HttpServerRequest request) {
    ExtentPointer pointer;
    try {
      pointer = BlockTransfer.pointer(request.path(), request.getParam("offset"), request.getParam("length"));
    } catch (IllegalArgumentException e) {
      BlockRefusal.send(request, 400, StreamErrorCode.INTERNAL, String.valueOf(e.getMessage()));
      return;
    }
    node.storedRecord(pointer.extent(), pointer.offset(), pointer.length()).onComplete(ar -> {
      if (ar.failed()) {
        BlockRefusal.send(request, ar.cause());
        return;
      }
      ByteBuf record = ar.result();
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
          .end(BufferInternal.buffer(record))
          .onComplete(sent -> {
            // the response holds an unreleasable view: the record goes back to the pool once out
            record.release();
            if (sent.succeeded()) {
              node.metrics().read(pointer.length());
            } else {
              log.debug("{} sending {} failed: {}", node.name(), pointer, sent.cause().toString());
            }
          });
    });
  }
}
