package io.stampede.frontend.http;

import io.stampede.frontend.error.S3Error;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/** Reads the small body of a control request (an XML document), refusing more than a bound. */
public final class SmallBody {
  private SmallBody() {}

  public static Future<Buffer> read(HttpServerRequest request, int maxBytes) {
    String length = request.getHeader("Content-Length");
    if (request.isEnded() || "0".equals(length)) {
      return Future.succeededFuture(Buffer.buffer());
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(b -> {
      if (body.length() + b.length() > maxBytes) {
        request.handler(null);
        promise.tryFail(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED.exception());
      } else {
        body.appendBuffer(b);
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }

  /** Reads a (decoded, verified) body stream to its end, refusing more than {@code maxBytes}. */
  public static Future<Buffer> read(ReadStream<Buffer> stream, int maxBytes) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    stream.exceptionHandler(promise::tryFail);
    stream.endHandler(v -> promise.tryComplete(body));
    stream.handler(b -> {
      if (body.length() + b.length() > maxBytes) {
        stream.handler(null);
        promise.tryFail(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED.exception());
      } else {
        body.appendBuffer(b);
      }
    });
    stream.resume();
    return promise.future();
  }
}
