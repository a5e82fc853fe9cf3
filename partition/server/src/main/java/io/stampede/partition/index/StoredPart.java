package io.stampede.partition.index;

import io.stampede.partition.api.ObjectPart;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;

/** A stored part of a multipart upload and the blocks holding its bytes. */
public record StoredPart(ObjectPart part, List<ExtentPointer> blob) {
  public StoredPart {
    blob = List.copyOf(blob);
  }
}
