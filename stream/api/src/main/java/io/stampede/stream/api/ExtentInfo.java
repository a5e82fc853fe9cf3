package io.stampede.stream.api;

import io.stampede.common.id.ExtentId;
import java.util.List;

/**
 * An extent as the stream manager knows it. {@code replicas.get(0)} is the primary, which
 * orders appends; replicas always sit in distinct racks. A sealed extent never changes again
 * and is exactly {@code sealedLength} bytes long on every replica.
 */
public record ExtentInfo(ExtentId id, List<ExtentNodeInfo> replicas, boolean sealed, long sealedLength) {
  public ExtentInfo {
    replicas = List.copyOf(replicas);
  }

  public ExtentNodeInfo primary() {
    return replicas.get(0);
  }
}
