package io.stampede.stream.api;

import java.util.List;

/** Where each appended block landed, and the extent's length after the append. */
public record AppendResult(List<Long> offsets, long extentLength) {
  public AppendResult {
    offsets = List.copyOf(offsets);
  }
}
