package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One extent node. Implemented by the node itself and by its gRPC client adapter.
 * Every future fails with {@link StreamException}.
 */
public interface ExtentNodeApi {
  /** Extent bytes a block takes beyond its payload: an appended block of n bytes adds n + 8. */
  int BLOCK_OVERHEAD_BYTES = 8;

  /**
   * Creates an empty replica of {@code extent} here, owned by writers of {@code epoch} (its
   * stream's owner epoch) or later. Idempotent; on an existing replica it refreshes the replica
   * list and raises the replica's epoch to {@code epoch} if that is higher.
   */
  Future<Void> createExtent(ExtentInfo extent, long epoch);

  /**
   * Appends blocks, in order, to an open extent whose primary this node is. The primary assigns
   * the offsets, writes locally and forwards to the other replicas; the future completes only
   * after every replica has fsynced the blocks. Fails SEALED on a sealed extent, FENCED when
   * {@code epoch} is older than the replica's (on this node or any other).
   */
  Future<AppendResult> append(ExtentId extent, long epoch, List<Buffer> blocks);

  /**
   * Writes blocks at {@code offset} on a secondary replica (called by the primary) and fsyncs.
   * Idempotent: blocks the replica already holds identically are acknowledged again.
   * Fails OFFSET_MISMATCH when the replica is shorter than {@code offset}, SEALED when sealed,
   * FENCED when {@code epoch} is older than the replica's.
   */
  Future<AppendResult> replicate(ExtentId extent, long epoch, long offset, List<Buffer> blocks);

  /**
   * Reads whole blocks starting at {@code offset} (a block boundary) up to about
   * {@code maxBytes} of payload, at least one block if any. Every block's checksum is verified
   * (CORRUPT otherwise). An offset at the extent's end yields no blocks.
   */
  Future<ReadResult> read(ExtentId extent, long offset, int maxBytes);

  /**
   * The payload of exactly the block at {@code pointer}, its checksum verified (CORRUPT
   * otherwise); OFFSET_MISMATCH when no block of that length starts there. Adapters may move the
   * block another way than {@link #read}; by default it is a read of one block.
   */
  default Future<Buffer> readBlock(ExtentPointer pointer) {
    return read(pointer.extent(), pointer.offset(), pointer.length()).map(result -> {
      if (result.blocks().isEmpty()) {
        throw new StreamException(StreamErrorCode.NOT_FOUND,
            pointer.extent() + " has no block at " + pointer.offset());
      }
      Block b = result.blocks().get(0);
      if (b.offset() != pointer.offset() || b.data().length() != pointer.length()) {
        throw new StreamException(StreamErrorCode.OFFSET_MISMATCH, pointer.extent() + " block at "
            + b.offset() + " of " + b.data().length() + " bytes does not match " + pointer);
      }
      return b.data();
    });
  }

  /**
   * Seals this replica at {@code length} (-1: at its own length), truncating anything past it,
   * and raises the replica's epoch to {@code epoch}. Idempotent. Fails FENCED when {@code epoch}
   * is older than the replica's: an old owner can neither seal away nor shorten what a newer one
   * wrote.
   */
  Future<SealResult> seal(ExtentId extent, long epoch, long length);

  /** The replica's current length in bytes. */
  Future<Long> length(ExtentId extent);

  /**
   * Makes this node a replica of the sealed {@code extent} (whose replica list includes this
   * node) by copying its first {@code length} bytes from {@code source} in bounded batches,
   * verifying every block's checksum, fsyncing, then sealing at {@code length}. Any partial or
   * stale replica held here is replaced. Idempotent: a replica already sealed at {@code length}
   * is kept.
   */
  Future<Void> copyExtent(ExtentInfo extent, long length, ExtentNodeInfo source);

  /** Deletes this node's replica of {@code extent} (its files). Idempotent. */
  Future<Void> deleteExtent(ExtentId extent);
}
