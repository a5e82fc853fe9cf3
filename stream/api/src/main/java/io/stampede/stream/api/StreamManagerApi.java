package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.vertx.core.Future;
import java.util.List;

/**
 * The stream manager: stream and extent metadata, replica placement. Off the data path.
 * Every future fails with {@link StreamException}.
 */
public interface StreamManagerApi {
  /** An extent node announces itself (on start and periodically). Idempotent. */
  Future<Void> registerExtentNode(ExtentNodeInfo node);

  /**
   * The stream with this id, created with one open extent (replicas created on three extent
   * nodes in three racks) if it does not exist yet. Idempotent.
   */
  Future<StreamInfo> openStream(StreamId stream);

  /**
   * Seals the stream's last extent {@code extent} at {@code sealedLength} and appends a new open
   * extent. If {@code extent} is already sealed, answers the stream as it is (idempotent).
   */
  Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength);

  /** Every extent node and stream, for status views and invariant checks. */
  Future<StampStreams> describe();

  /** A snapshot of the stream layer's metadata. */
  record StampStreams(List<ExtentNodeInfo> nodes, List<StreamInfo> streams) {}
}
