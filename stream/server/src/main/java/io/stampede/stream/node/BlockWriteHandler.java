package io.stampede.stream.node;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.http.BlockTransfer;
import io.stampede.stream.api.http.ReceivedRecords;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Serves block writes ({@link BlockTransfer}) on an extent node: an append at the primary or a
 * write at an offset of a secondary. The body's records are taken as they arrive, each checked
 * against its checksum and bounded by the node's block and batch bounds, then handed to the node
 * like a gRPC append: same epochs, same group commit, same answers.
 */
final class BlockWriteHandler implements Handler<HttpServerRequest> {
  private final ExtentNodeApi node;
  private final int blockBytesMax;
  private final long bodyBytesMax;

  /** {@code bodyBytesMax}: the largest body taken in; larger ones are refused TOO_LARGE unread. */
  BlockWriteHandler(ExtentNodeApi node, int blockBytesMax, long bodyBytesMax) {
    this.node = node;
    this.blockBytesMax = blockBytesMax;
    this.bodyBytesMax = bodyBytesMax;
  }

  @Override
  public void handle(HttpServerRequest request) {
    ExtentId extent;
    long epoch;
    long offset;
    long length;
    try {
      extent = BlockTransfer.extent(request.path());
      epoch = BlockTransfer.number("epoch", request.getParam("epoch"));
      String at = request.getParam("offset");
      offset = at == null ? -1 : BlockTransfer.number("offset", at);
      length = BlockTransfer.number("content-length", request.getHeader(HttpHeaders.CONTENT_LENGTH));
    } catch (IllegalArgumentException e) {
      BlockRefusal.sendUnread(request, 400, StreamErrorCode.INTERNAL, String.valueOf(e.getMessage()));
      return;
    }
    if (length > bodyBytesMax) {
      BlockRefusal.sendUnread(request, 413, StreamErrorCode.TOO_LARGE,
          extent + " write of " + length + " bytes over " + bodyBytesMax);
      return;
    }
    ReceivedRecords records = new ReceivedRecords(extent + " blocks written", blockBytesMax, length);
    StreamException[] refused = {null};
    // a writer that goes away mid-body: drop what arrived, answer nothing (there is no one to answer)
    boolean[] gone = {false};
    request.exceptionHandler(t -> gone[0] = true);
    // a bad record is answered once the whole (bounded) body is in: an answer before the request's
    // end races the writer, and the connection stays good for the next write
    request.handler(piece -> {
      if (refused[0] == null) {
        try {
          records.add(piece);
        } catch (StreamException e) {
          refused[0] = e;
        }
      }
    });
    request.endHandler(v -> {
      if (gone[0]) {
        return;
      }
      List<Buffer> blocks;
      try {
        if (refused[0] != null) {
          throw refused[0];
        }
        blocks = records.blocks();
      } catch (StreamException e) {
        BlockRefusal.send(request, e);
        return;
      }
      Future<AppendResult> written = offset < 0 ? node.append(extent, epoch, blocks)
          : node.replicate(extent, epoch, offset, blocks);
      written.onComplete(ar -> {
        if (ar.succeeded()) {
          request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
              .end(BlockTransfer.appended(ar.result()));
        } else {
          BlockRefusal.send(request, ar.cause());
        }
      });
    });
  }
}
