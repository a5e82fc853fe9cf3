package io.stampede.stream.node;

import io.stampede.common.rpc.RpcBytes;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.http.BlockTransfer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves block reads ({@link BlockTransfer}) from an extent node: the node reads the block's
 * stored record on its I/O pool, unchecked, and it goes to the socket as it is; the reader checks
 * its checksum. Not {@code sendFile}: that opens the file, and reads what the page cache lacks,
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
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
          .end(RpcBytes.wrap(ar.result()))
          .onSuccess(v -> node.metrics().read(pointer.length()))
          .onFailure(t -> log.debug("{} sending {} failed: {}", node.name(), pointer, t.toString()));
    });
  }
}
