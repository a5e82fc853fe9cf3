package io.stampede.frontend.s3;

import io.stampede.common.key.ByteRange;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Errors;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.Preconditions;
import io.stampede.frontend.http.VerifyingBody;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The copy source of CopyObject and UploadPartCopy: opening it (the caller must own its bucket,
 * which must be on this stamp; a delete marker is no source; the {@code x-amz-copy-source-if-*}
 * preconditions must hold, else 412; a range must lie within it), then streaming its bytes into a
 * write. The bytes flow with
 * the write's back-pressure, so no more than a few chunks are ever held in the front end.
 */
public final class CopySources {
  private final S3Services services;

  public CopySources(S3Services services) {
    this.services = services;
  }

  /**
   * Opens {@code source} (the span {@code range} selects, if any) for {@code request}, whose
   * {@code x-amz-copy-source-if-*} headers must hold. The caller must consume or cancel the read.
   */
  public Future<ObjectRead> open(S3Request request, CopySource source, Optional<ByteRange> range) {
    Preconditions conditions = Preconditions.ofCopySource(request.http().headers());
    String resource = "/" + source.bucket() + "/" + source.key();
    return services.buckets().check(source.bucket(), request.caller())
        .compose(location -> location.stamp().equals(services.config().stampId())
            ? services.partitions().getObject(source.ref(), range)
            : Future.failedFuture(S3Error.NOT_IMPLEMENTED.exception(
                "Copying from a bucket on another stamp is not implemented")))
        .recover(t -> Future.failedFuture(sourceFailure(t, resource)))
        .compose(read -> {
          Optional<S3Exception> refused = refusal(read.info(), source, range, conditions);
          if (refused.isPresent()) {
            read.cancel();
            return Future.failedFuture(refused.get());
          }
          return Future.succeededFuture(read);
        });
  }

  /** The source's failures name the source; an unsatisfiable copy range is InvalidArgument. */
  private static S3Exception sourceFailure(Throwable t, String resource) {
    if (t instanceof PartitionException p && p.code() == PartitionErrorCode.INVALID_RANGE) {
      return S3Error.INVALID_ARGUMENT.exception("Range specified is not valid for source object " + resource);
    }
    return S3Errors.translate(t, resource);
  }

  private Optional<S3Exception> refusal(ObjectInfo info, CopySource source, Optional<ByteRange> range,
      Preconditions conditions) {
    if (info.deleteMarker()) {
      return Optional.of(source.versionId().isEmpty() ? S3Error.NO_SUCH_KEY.exception()
          : S3Error.INVALID_REQUEST.exception(
              "The source of a copy request may not specifically refer to a delete marker by version id."));
    }
    if (range.isPresent() && range.get().last() >= info.size()) {
      return Optional.of(S3Error.INVALID_ARGUMENT.exception(
          "Range specified is not valid for source object of size: " + info.size()));
    }
    return switch (conditions.evaluate(info.etag(), info.lastModifiedMs(), services.clock().millis())) {
      case PASS -> Optional.empty();
      case NOT_MODIFIED, PRECONDITION_FAILED -> Optional.of(S3Error.PRECONDITION_FAILED.exception());
    };
  }

  /**
   * Parses {@code x-amz-copy-source-range} (UploadPartCopy), which must be {@code bytes=first-last};
   * {@link #open} then checks it lies within the source.
   */
  public static ByteRange copyRange(String header) {
    Optional<ByteRange> range = ByteRange.parse(header);
    if (range.isEmpty() || range.get().first() == ByteRange.NONE || range.get().last() == ByteRange.NONE) {
      throw S3Error.INVALID_ARGUMENT.exception("The x-amz-copy-source-range value must be of the form bytes=first-last"
          + " where first and last are the zero-based offsets of the first and last bytes to copy");
    }
    return range.get();
  }

  /**
   * Streams the read's bytes into {@code write} (say, a PutObject or UploadPart taking the body).
   * If the write fails the read is cancelled; if the read fails, that failure is the answer.
   * {@code bytes} observes every chunk handed on.
   */
  public static <T> Future<T> stream(ObjectRead read, LongConsumer bytes,
      Function<ReadStream<Buffer>, Future<T>> write) {
    VerifyingBody body = new VerifyingBody(read.body(), length(read), bytes);
    Future<T> written;
    try {
      written = write.apply(body);
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    return written.recover(err -> {
      read.cancel();
      return Future.failedFuture(body.failure() != null ? body.failure() : err);
    });
  }

  /** The number of bytes the read delivers. */
  public static long length(ObjectRead read) {
    return read.partial() ? read.span().length() : read.info().size();
  }
}
