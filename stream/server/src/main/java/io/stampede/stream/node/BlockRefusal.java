package io.stampede.stream.node;

import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.http.BlockTransfer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** How the data plane's handlers answer a failure ({@link BlockTransfer}): status, code header, text. */
final class BlockRefusal {
  private BlockRefusal() {}

  /** Answers {@code e} with its code's status. */
  static void send(HttpServerRequest request, Throwable e) {
    StreamException se = e instanceof StreamException s ? s : new StreamException(StreamErrorCode.INTERNAL, String.valueOf(e));
    send(request, BlockTransfer.status(se.code()), se.code(), se.getMessage());
  }

  /** Answers a failure (a write once its whole body is in: an earlier answer races the writer). */
  static void send(HttpServerRequest request, int status, StreamErrorCode code, String message) {
    HttpServerResponse response = request.response();
    if (!response.ended()) {
      response.setStatusCode(status).putHeader(BlockTransfer.ERROR_HEADER, code.name()).end(String.valueOf(message));
    }
  }

  /**
   * Answers a failure before the request's body is read, with {@code Connection: close}: the writer
   * drops the connection, and what it still sends is discarded unread.
   */
  static void sendUnread(HttpServerRequest request, int status, StreamErrorCode code, String message) {
    request.response().putHeader(HttpHeaders.CONNECTION, "close");
    send(request, status, code, message);
  }
}
