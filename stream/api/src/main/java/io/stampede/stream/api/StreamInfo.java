package io.stampede.stream.api;

import io.stampede.common.id.StreamId;
import java.util.List;

/** A stream: an ordered list of extents of which only the last may be open for appends. */
public record StreamInfo(StreamId id, List<ExtentInfo> extents) {
  public StreamInfo {
    extents = List.copyOf(extents);
  }

  public ExtentInfo last() {
    return extents.get(extents.size() - 1);
  }
}
