package io.stampede.partition.range;

import io.stampede.stream.api.ExtentPointer;
import java.util.List;

/**
 * An object's bytes appended to the blob stream: where the blocks are, the byte count, the hex
 * MD5 and the checksum of the algorithm asked for (big-endian bytes).
 */
record BlobWritten(List<ExtentPointer> blob, long size, String md5Hex, byte[] checksum) {
  BlobWritten {
    blob = List.copyOf(blob);
  }
}
