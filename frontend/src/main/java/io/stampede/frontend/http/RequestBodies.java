package io.stampede.frontend.http;

import io.vertx.core.http.HttpServerRequest;

/** What to do with the unread rest of a request body once the response is decided. */
public final class RequestBodies {
  private RequestBodies() {}

  /** Whether body bytes may still be on their way (a paused bodiless request is not "ended" yet). */
  public static boolean unread(HttpServerRequest request) {
    if (request.isEnded()) {
      return false;
    }
    String length = request.getHeader("Content-Length");
    return request.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
  }

  /**
   * Reads and discards what is left of the body so the connection can carry the next request;
   * past {@code maxBytes} the connection is closed instead. Safe to call on an ended request.
   */
  public static void discard(HttpServerRequest request, long maxBytes) {
    if (request.isEnded()) {
      return;
    }
    long[] seen = {0};
    try {
      request.exceptionHandler(t -> { });
      request.handler(b -> {
        seen[0] += b.length();
        if (seen[0] > maxBytes) {
          request.handler(null);
          request.connection().close();
        }
      });
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      // The body was consumed meanwhile: nothing to discard.
    }
  }
}
