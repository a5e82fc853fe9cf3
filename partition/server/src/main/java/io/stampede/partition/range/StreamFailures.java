package io.stampede.partition.range;

import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;

/**
 * Stream-layer failures as the partition layer answers them. A writer fenced by a newer owner
 * ({@link StreamErrorCode#FENCED}) means the range now lives elsewhere: the request is answered
 * UNAVAILABLE (S3 503, which clients retry), never as an internal error; so is an append of
 * unknown outcome ({@link StreamErrorCode#UNRESOLVED}).
 */
final class StreamFailures {
  private StreamFailures() {}

  static PartitionException translate(Throwable failure) {
    if (failure instanceof StreamException se && se.code() == StreamErrorCode.FENCED) {
      return new PartitionException(PartitionErrorCode.UNAVAILABLE,
          "the range was taken over by another server: " + se.getMessage(), se);
    }
    if (failure instanceof StreamException se && se.code() == StreamErrorCode.UNRESOLVED) {
      return new PartitionException(PartitionErrorCode.UNAVAILABLE,
          "the outcome of this write is not known yet: " + se.getMessage(), se);
    }
    return PartitionRpcErrors.translate(failure);
  }
}
