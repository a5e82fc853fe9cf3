package io.stampede.frontend.error;

import io.stampede.location.api.LocationException;
import io.stampede.partition.api.PartitionException;

/** The one translation of lower-layer failures into S3 errors. */
public final class S3Errors {
  private S3Errors() {}

  /** The S3 error for {@code failure}; {@code resource} names the bucket or key in the message. */
  public static S3Exception translate(Throwable failure, String resource) {
    if (failure instanceof S3Exception s3) {
      return s3;
    }
    if (failure instanceof PartitionException p) {
      return wrap(partition(p), resource, p);
    }
    if (failure instanceof LocationException l) {
      return wrap(location(l), resource, l);
    }
    return new S3Exception(S3Error.INTERNAL_ERROR, S3Error.INTERNAL_ERROR.message(), failure);
  }

  private static S3Exception wrap(S3Error error, String resource, Throwable cause) {
    boolean server = error.status() >= 500;
    // Client errors keep their cheap form; server errors keep the cause for the log.
    return server
        ? new S3Exception(error, error.message(), cause)
        : new S3Exception(error, error.message() + (resource.isEmpty() ? "" : " (" + resource + ")"));
  }

  private static S3Error partition(PartitionException e) {
    return switch (e.code()) {
      case NO_SUCH_KEY -> S3Error.NO_SUCH_KEY;
      case NO_SUCH_VERSION -> S3Error.NO_SUCH_VERSION;
      case NO_SUCH_UPLOAD -> S3Error.NO_SUCH_UPLOAD;
      case NO_SUCH_BUCKET -> S3Error.NO_SUCH_BUCKET;
      case BUCKET_NOT_EMPTY -> S3Error.BUCKET_NOT_EMPTY;
      case INVALID_RANGE -> S3Error.INVALID_RANGE;
      case INVALID_PART_NUMBER -> S3Error.INVALID_PART_NUMBER;
      case INVALID_PART -> S3Error.INVALID_PART;
      case INVALID_PART_ORDER -> S3Error.INVALID_PART_ORDER;
      case ENTITY_TOO_SMALL -> S3Error.ENTITY_TOO_SMALL;
      case PRECONDITION_FAILED -> S3Error.PRECONDITION_FAILED;
      case CONDITIONAL_CONFLICT -> S3Error.CONDITIONAL_REQUEST_CONFLICT;
      case METHOD_NOT_ALLOWED -> S3Error.METHOD_NOT_ALLOWED;
      case INCOMPLETE_BODY -> S3Error.INCOMPLETE_BODY;
      case BAD_REQUEST -> S3Error.INVALID_ARGUMENT;
      case SLOW_DOWN -> S3Error.SLOW_DOWN;
      case UNAVAILABLE, NOT_SERVING -> S3Error.SERVICE_UNAVAILABLE;
      case INTERNAL -> S3Error.INTERNAL_ERROR;
    };
  }

  private static S3Error location(LocationException e) {
    return switch (e.code()) {
      case NO_SUCH_BUCKET -> S3Error.NO_SUCH_BUCKET;
      case BUCKET_ALREADY_EXISTS -> S3Error.BUCKET_ALREADY_EXISTS;
      case BUCKET_ALREADY_OWNED_BY_YOU -> S3Error.BUCKET_ALREADY_OWNED_BY_YOU;
      case ACCESS_DENIED -> S3Error.ACCESS_DENIED;
      case NO_STAMP, UNAVAILABLE -> S3Error.SERVICE_UNAVAILABLE;
      case INTERNAL -> S3Error.INTERNAL_ERROR;
    };
  }
}
