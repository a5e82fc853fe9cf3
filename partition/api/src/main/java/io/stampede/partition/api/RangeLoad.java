package io.stampede.partition.api;

import io.stampede.common.id.PartitionId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a partition server reports about one range partition it holds: whether it serves it yet
 * ({@code loaded} false while loading or closing), its live keys and their bytes, its recent
 * request rate, the index key it would split at (about half its keys below; empty with
 * fewer than two keys), and its blob stream's bytes as its last garbage collection left them:
 * in sealed extents, and the live ones among them (pointed at by the index; 0 and 0 before the first pass);
 * and whether that pass found the index pointing only into the range's own blob stream (so the
 * range needs nothing of the ranges it was split or merged from; false until then).
 */
public record RangeLoad(PartitionId id, boolean loaded, long keys, long bytes, double requestsPerSecond,
    Optional<String> splitKey, long blobSealedBytes, long blobLiveBytes, boolean ownBlobsOnly) {
  public RangeLoad {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(splitKey, "splitKey");
  }

  /** A load without garbage-collection figures. */
  public RangeLoad(PartitionId id, boolean loaded, long keys, long bytes, double requestsPerSecond,
      Optional<String> splitKey) {
    this(id, loaded, keys, bytes, requestsPerSecond, splitKey, 0, 0, false);
  }

  /** The share of the blob stream's sealed bytes no index entry points at (0 before any gc pass). */
  public double blobGarbageRatio() {
    return blobSealedBytes == 0 ? 0 : Math.max(0, 1 - (double) blobLiveBytes / blobSealedBytes);
  }

  /** A range being loaded or closed: not serving, nothing measured. */
  public static RangeLoad notLoaded(PartitionId id) {
    return new RangeLoad(id, false, 0, 0, 0, Optional.empty());
  }
}
