package io.stampede.frontend.s3;

import io.stampede.common.key.ByteRange;
import io.stampede.frontend.error.S3Error;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.Pipe;
import java.time.Clock;
import java.util.Optional;

/**
 * GetObject: the object, or the span a single Range selects (206), piped from the partition
 * layer to the socket with back-pressure. Malformed ranges are ignored, as S3 does. Unmet
 * {@code If-*} preconditions cancel the read and answer 304 or 412.
 */
public final class GetObjectHandler implements S3Handler {
  private final S3Services services;

  public GetObjectHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "GetObject";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    int partNumber = request.params().contains("partNumber") ? UploadPartHandler.partNumber(request) : 0;
    Optional<ByteRange> range = ByteRange.parse(request.header("Range"));
    if (partNumber > 0 && range.isPresent()) {
      return Future.failedFuture(S3Error.INVALID_REQUEST.exception("Cannot specify both Range header and partNumber"));
    }
    ObjectRef ref = new ObjectRef(request.bucket(), request.key(), "", partNumber);
    return services.partitions().getObject(ref, range).compose(read -> send(request, read));
  }

  static Future<Void> sendHead(S3Request request, ObjectRead read, Clock clock) {
    read.cancel();
    Optional<Future<Void>> unmet = ReadPreconditions.unmet(request, read.info(), clock);
    if (unmet.isPresent()) {
      return unmet.get();
    }
    writeHeaders(request, read);
    return request.response().end();
  }

  /** Status, object headers, Content-Range and Content-Length of a read; returns the body's length. */
  static long writeHeaders(S3Request request, ObjectRead read) {
    HttpServerResponse response = request.response();
    ObjectHeaders.write(response, read.info(), request.params());
    ObjectHeaders.writeChecksum(response, read.info(), request.http().headers(), !read.partial());
    long length = read.partial() ? read.span().length() : read.info().size();
    if (read.partial()) {
      response.setStatusCode(206).putHeader("Content-Range",
          "bytes " + read.span().start() + "-" + read.span().end() + "/" + read.info().size());
    } else {
      response.setStatusCode(200);
    }
    if (request.params().contains("partNumber") && read.info().partsCount() > 0) {
      response.putHeader("x-amz-mp-parts-count", Integer.toString(read.info().partsCount()));
    }
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    return length;
  }

  private Future<Void> send(S3Request request, ObjectRead read) {
    HttpServerResponse response = request.response();
    if (response.closed() || response.ended()) {
      read.cancel();
      return Future.succeededFuture();
    }
    Optional<Future<Void>> unmet = ReadPreconditions.unmet(request, read.info(), services.clock());
    if (unmet.isPresent()) {
      read.cancel();
      return unmet.get();
    }
    long length = writeHeaders(request, read);
    services.metrics().bytesOut(operation(), length);
    Pipe<Buffer> pipe = read.body().pipe().endOnFailure(false);
    return pipe.to(response).onFailure(err -> {
      // The client is gone or the source failed: stop reading the object, and since the headers
      // are out, the only honest signal left is a broken connection.
      read.cancel();
      if (!response.ended()) {
        response.reset();
      }
    });
  }
}
