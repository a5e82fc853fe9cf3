package io.stampede.stream.node;

import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.http.BlockTransfer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves block reads ({@link BlockTransfer}) from an extent node: the block's stored record goes
 * from the extent file to the socket as it is ({@code sendFile}, zero-copy over HTTP/1.1), and
 * the reader checks its checksum. The node finds the record on its I/O pool and answers nothing
 * once halted, like its gRPC service.
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
      HttpServerResponse response = request.response();
      if (ar.failed()) {
        BlockRefusal.send(request, ar.cause());
        return;
      }
      response.putHeader("content-type", "application/octet-stream");
      response.sendFile(ar.result().file().toString(), ar.result().position(), ar.result().bytes())
          .onSuccess(v -> node.metrics().read(pointer.length()))
          .onFailure(t -> log.debug("{} sending {} failed: {}", node.name(), pointer, t.toString()));
    });
  }
}
