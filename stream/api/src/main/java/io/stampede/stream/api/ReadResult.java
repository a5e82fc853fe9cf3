package io.stampede.stream.api;

import java.util.List;

/** Whole blocks read from an extent, where the next block starts, and the extent's length. */
public record ReadResult(List<Block> blocks, long nextOffset, long extentLength) {
  public ReadResult {
    blocks = List.copyOf(blocks);
  }
}
