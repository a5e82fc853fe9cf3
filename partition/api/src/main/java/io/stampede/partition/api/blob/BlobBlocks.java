package io.stampede.partition.api.blob;

import io.stampede.common.id.ExtentId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;
import java.util.Map;

/**
 * Where the bytes of a span of an object are: the blocks holding them, in object order, the first
 * starting at object offset {@code firstBlockStart}, and where each extent's replicas serve
 * blocks, primary first. What a partition server tells a front-end that reads the blocks itself.
 */
public record BlobBlocks(List<ExtentPointer> blocks, long firstBlockStart, Map<ExtentId, List<Endpoint>> replicas) {
  public BlobBlocks {
    blocks = List.copyOf(blocks);
    replicas = Map.copyOf(replicas);
    for (ExtentPointer b : blocks) {
      if (!replicas.containsKey(b.extent()) || replicas.get(b.extent()).isEmpty()) {
        throw new IllegalArgumentException("no replicas of " + b.extent());
      }
    }
  }
}
