package io.stampede.stream.api;

import io.stampede.common.rpc.ErrorCode;
import java.util.Optional;

/** Everything that can go wrong in the stream layer. */
public enum StreamErrorCode implements ErrorCode {
  /** No such extent on this extent node, or no such stream. */
  NOT_FOUND(false),
  /** The extent is sealed: no more appends. */
  SEALED(false),
  /** The extent is open, or its stream's last: it cannot be dropped. */
  NOT_SEALED(false),
  /**
   * The stream was deleted ({@link StreamManagerApi#deleteStream}): it cannot be opened, extended
   * or appended to (for at least the stream manager's deleted-stream retention).
   */
  DELETED(false),
  /**
   * The caller's owner epoch is older than the stream's (or the replica's): another writer claimed
   * the stream since. Never retried: the writer has lost the stream for good.
   */
  FENCED(false),
  /** A replicate arrived at an offset the replica does not hold. */
  OFFSET_MISMATCH(false),
  /** A block failed its checksum. */
  CORRUPT(false),
  /** Not enough extent nodes in distinct racks to place an extent. */
  NO_PLACEMENT(true),
  /** A block or request over the configured bounds. */
  TOO_LARGE(false),
  /** The peer could not be reached or timed out. */
  UNAVAILABLE(true),
  /**
   * An append whose outcome could not be learned: its blocks may or may not be in the stream (the
   * extent they went to could be neither sealed nor read back in time). Only a replay of the
   * stream, after a claim has sealed it, tells. Never retried: sending the blocks again could
   * duplicate them.
   */
  UNRESOLVED(false),
  /** A disk or unexpected failure. */
  INTERNAL(false);

  private final boolean retriable;

  StreamErrorCode(boolean retriable) {
    this.retriable = retriable;
  }

  /** The code called {@code name}, if any. */
  public static Optional<StreamErrorCode> named(String name) {
    return ErrorCode.named(StreamErrorCode.class, name);
  }

  @Override
  public boolean retriable() {
    return retriable;
  }
}
