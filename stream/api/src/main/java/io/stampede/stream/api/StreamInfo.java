package io.stampede.stream.api;

import io.stampede.common.id.StreamId;
import java.util.List;

/**
 * A stream: an ordered list of extents of which only the last may be open for appends, and its
 * owner epoch, raised by every {@link StreamManagerApi#claimStream claim}. A stream just claimed
 * may have no extent yet, or only sealed ones: its writer's first append opens one.
 */
public record StreamInfo(StreamId id, long epoch, List<ExtentInfo> extents) {
  public StreamInfo {
    extents = List.copyOf(extents);
  }

  /** The last extent; the stream must have one. */
  public ExtentInfo last() {
    return extents.get(extents.size() - 1);
  }

  /** Whether the last extent exists and takes appends. */
  public boolean open() {
    return !extents.isEmpty() && !last().sealed();
  }
}
