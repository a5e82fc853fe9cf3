package io.stampede.partition.range;

import io.stampede.stream.api.ExtentPointer;
import java.util.List;

/** An object's bytes appended to the blob stream: where the blocks are, the byte count and the hex MD5. */
record BlobWritten(List<ExtentPointer> blob, long size, String md5Hex) {
  BlobWritten {
    blob = List.copyOf(blob);
  }
}
