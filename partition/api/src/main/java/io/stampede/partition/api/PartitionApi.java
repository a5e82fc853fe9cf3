package io.stampede.partition.api;

import io.stampede.common.key.ByteRange;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;

/**
 * Object operations of the partition layer. Implemented by a partition server (for the ranges it
 * serves), by its gRPC client adapter, and by the routing client that sends each call to the
 * server owning the key. Every future fails with {@link PartitionException}.
 */
public interface PartitionApi {
  /** The longest object key accepted, in UTF-8 bytes; longer keys are BAD_REQUEST. */
  int KEY_BYTES_MAX = 1024;

  /**
   * Stores an object. The bytes are appended to the partition's blob stream, then the index
   * entry to its commit log; the future completes once both are durable on every replica, and
   * from then on every read sees the new object. If {@code body} fails, or delivers a byte count
   * other than {@code request.contentLength()}, nothing is stored (INCOMPLETE_BODY).
   */
  Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body);

  /**
   * Reads an object, or the span of it that {@code range} selects. NO_SUCH_KEY if absent,
   * INVALID_RANGE if the range is unsatisfiable.
   */
  Future<ObjectRead> getObject(String bucket, String key, Optional<ByteRange> range);

  /** An object's metadata; NO_SUCH_KEY if absent. */
  Future<ObjectInfo> headObject(String bucket, String key);

  /** Deletes an object; succeeds whether or not it existed (as S3 does). */
  Future<Void> deleteObject(String bucket, String key);

  /** Lists a bucket as {@link ListObjectsQuery} describes. */
  Future<ListPage> listObjects(ListObjectsQuery query);
}
