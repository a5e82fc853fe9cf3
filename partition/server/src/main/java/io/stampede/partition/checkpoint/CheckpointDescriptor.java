package io.stampede.partition.checkpoint;

import io.stampede.stream.api.ExtentPointer;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One checkpoint as its {@code <id>.meta} block describes it: its data blocks in {@code <id>.ckpt}
 * in order, the pointer of the last record of {@code <id>.log} it includes (empty: none), how
 * many records of that log it includes, its index key count, the freed streams it carries, when
 * it was made, and the key spaces of deleted buckets closed in the range.
 */
public record CheckpointDescriptor(List<ExtentPointer> blocks, Optional<ExtentPointer> logPosition, long records,
    long keys, List<String> freedStreams, long createdMs, Set<String> closedBuckets) {
  public CheckpointDescriptor {
    blocks = List.copyOf(blocks);
    freedStreams = List.copyOf(freedStreams);
    closedBuckets = Set.copyOf(closedBuckets);
  }

  /** A descriptor with no closed bucket. */
  public CheckpointDescriptor(List<ExtentPointer> blocks, Optional<ExtentPointer> logPosition, long records,
      long keys, List<String> freedStreams, long createdMs) {
    this(blocks, logPosition, records, keys, freedStreams, createdMs, Set.of());
  }
}
