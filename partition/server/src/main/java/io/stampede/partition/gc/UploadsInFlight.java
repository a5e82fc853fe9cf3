package io.stampede.partition.gc;

import io.stampede.common.id.ExtentId;

/**
 * What garbage collection must know of a range's uploads in flight, whose blocks are appended
 * but not committed yet, so that no index entry points at them: the extents their acknowledged
 * blocks landed in, and whether every upload in flight at some moment has ended since (a block
 * whose append is still unacknowledged, say while the stream seals a failed extent and reads
 * back what it covered, is pinned nowhere yet).
 */
public interface UploadsInFlight {
  /** Whether an upload in flight has an acknowledged block in {@code extent}. */
  boolean pins(ExtentId extent);

  /** A mark of the uploads in flight now. */
  long mark();

  /** Whether every upload that was in flight at {@code mark} has ended: committed, or failed. */
  boolean endedSince(long mark);
}
