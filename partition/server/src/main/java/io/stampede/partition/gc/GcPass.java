package io.stampede.partition.gc;

import io.stampede.common.id.StreamId;

/**
 * What one garbage-collection pass over a blob stream found and did: the bytes of its sealed
 * extents and the live bytes among them before the pass, the live bytes in its open extent, the
 * extents (and their bytes) dropped, the live bytes copied to the tail first (from mostly dead
 * extents and from other ranges' blob streams), and whether the index pointed only into this
 * stream once the pass was done ({@code ownBlobsOnly}: the range needs no blob stream of the
 * ranges it was split or merged from).
 */
public record GcPass(StreamId stream, long sealedBytes, long sealedLiveBytes, long openLiveBytes,
    int droppedExtents, long droppedBytes, long rewrittenBytes, boolean ownBlobsOnly) {
  /** Before any pass: nothing known, so other ranges' streams may still be needed. */
  public static GcPass nothing(StreamId stream) {
    return new GcPass(stream, 0, 0, 0, 0, 0, 0, false);
  }

  /** The share of the sealed bytes no index entry pointed at before the pass (0 when nothing is sealed). */
  public double garbageRatio() {
    return sealedBytes == 0 ? 0 : Math.max(0, 1 - (double) sealedLiveBytes / sealedBytes);
  }

  /** The bytes of the stream's sealed extents once the pass was done (the copies went to the open extent). */
  public long sealedBytesAfter() {
    return sealedBytes - droppedBytes;
  }

  /** The live bytes among {@link #sealedBytesAfter()}. */
  public long sealedLiveBytesAfter() {
    return Math.max(0, sealedLiveBytes - rewrittenBytes);
  }
}
