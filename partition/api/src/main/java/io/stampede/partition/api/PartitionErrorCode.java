package io.stampede.partition.api;

import io.stampede.common.rpc.ErrorCode;
import java.util.Optional;

/** Everything that can go wrong in the partition layer. */
public enum PartitionErrorCode implements ErrorCode {
  NO_SUCH_KEY(false),
  /** The version id names no version of the key (or is malformed). */
  NO_SUCH_VERSION(false),
  NO_SUCH_UPLOAD(false),
  /** The key's bucket was deleted: its key space is closed ({@link PartitionApi#closeBucket}). */
  NO_SUCH_BUCKET(false),
  /** A bucket's key space cannot close: the range still holds a version, delete marker or upload of it. */
  BUCKET_NOT_EMPTY(false),
  /** A part named at completion was not uploaded, or its ETag differs. */
  INVALID_PART(false),
  /** The parts named at completion are not in ascending order. */
  INVALID_PART_ORDER(false),
  /** A part other than the last is smaller than the minimum part size. */
  ENTITY_TOO_SMALL(false),
  /** A conditional write's precondition does not hold. */
  PRECONDITION_FAILED(false),
  /** Another write of the key completed while this conditional write was in progress. */
  CONDITIONAL_CONFLICT(false),
  INVALID_RANGE(false),
  /** The part number is beyond the object's parts. */
  INVALID_PART_NUMBER(false),
  /** The operation does not apply to the version (e.g. tagging a delete marker). */
  METHOD_NOT_ALLOWED(false),
  /** The body ended early, carried more bytes than declared, or failed verification. */
  INCOMPLETE_BODY(false),
  /** A request the partition layer refuses (key too long, bad argument). */
  BAD_REQUEST(false),
  /**
   * This server does not (or no longer) serve the range holding the key; refresh the map. Answered
   * only before the call had any effect, so any call may be sent again.
   */
  NOT_SERVING(true),
  /** Too many requests for the range or bucket right now. */
  SLOW_DOWN(true),
  /**
   * A server or the stream layer could not be reached, or the range was taken over while the call
   * ran: a write may or may not have taken effect.
   */
  UNAVAILABLE(true),
  INTERNAL(false);

  private final boolean retriable;

  PartitionErrorCode(boolean retriable) {
    this.retriable = retriable;
  }

  /** The code called {@code name}, if any. */
  public static Optional<PartitionErrorCode> named(String name) {
    return ErrorCode.named(PartitionErrorCode.class, name);
  }

  @Override
  public boolean retriable() {
    return retriable;
  }
}
