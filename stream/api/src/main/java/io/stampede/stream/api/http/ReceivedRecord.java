package io.stampede.stream.api.http;

import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * The stored record of the block at a pointer as it arrives in pieces ({@link BlockTransfer}):
 * exactly one record ({@link ReceivedRecords}) of the pointer's length, its checksum checked as
 * the bytes pass, its payload handed on as the pieces themselves. Any mismatch is CORRUPT. Not
 * thread-safe.
 */
final class ReceivedRecord {
  private final ExtentPointer pointer;
  private final ReceivedRecords records;

  ReceivedRecord(ExtentPointer pointer) {
    this.pointer = pointer;
    this.records = new ReceivedRecords(pointer.extent() + " block at " + pointer.offset(), pointer.length(),
        ExtentNodeApi.BLOCK_OVERHEAD_BYTES + (long) pointer.length());
  }

  /** Takes the next piece; throws CORRUPT once the record runs longer than the pointer says. */
  void add(Buffer piece) {
    try {
      records.add(piece);
    } catch (StreamException e) {
      throw corrupt(e.getMessage());
    }
  }

  /** The verified payload; throws CORRUPT if the record is short, mislabelled or fails its checksum. */
  Buffer payload() {
    List<Buffer> blocks;
    try {
      blocks = records.blocks();
    } catch (StreamException e) {
      throw corrupt(e.getMessage());
    }
    if (blocks.size() != 1 || blocks.get(0).length() != pointer.length()) {
      throw corrupt("came as " + blocks.size() + " records, not one of " + pointer.length() + " bytes");
    }
    return blocks.get(0);
  }

  private static StreamException corrupt(String what) {
    return new StreamException(StreamErrorCode.CORRUPT, what);
  }
}
