package io.stampede.stream.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A block's stored record as it arrives in pieces ({@link BlockTransfer}): takes the pieces in
 * order, checks the record's length against the pointer and its checksum over the payload as the
 * bytes pass, and hands the payload on as the pieces themselves, not copied into one buffer. Not
 * thread-safe.
 */
final class ReceivedRecord {
  private static final int HEADER_BYTES = ExtentNodeApi.BLOCK_OVERHEAD_BYTES;

  private final ExtentPointer pointer;
  private final byte[] header = new byte[HEADER_BYTES];
  private final CRC32C crc = new CRC32C();
  private final List<ByteBuf> payload = new ArrayList<>();
  private long received;

  ReceivedRecord(ExtentPointer pointer) {
    this.pointer = pointer;
  }

  /** Takes the next piece; throws CORRUPT once the record runs longer than the pointer says. */
  void add(Buffer piece) {
    ByteBuf b = ((BufferInternal) piece).getByteBuf();
    int at = 0;
    while (received < HEADER_BYTES && at < b.readableBytes()) {
      header[(int) received++] = b.getByte(b.readerIndex() + at++);
    }
    int rest = b.readableBytes() - at;
    if (rest == 0) {
      return;
    }
    if (received + rest > HEADER_BYTES + (long) pointer.length()) {
      throw corrupt("runs past " + (HEADER_BYTES + pointer.length()) + " bytes");
    }
    ByteBuf data = b.slice(b.readerIndex() + at, rest);
    crc.update(data.nioBuffer());
    payload.add(data);
    received += rest;
  }

  /** The verified payload; throws CORRUPT if the record is short, mislabelled or fails its checksum. */
  Buffer payload() {
    if (received != HEADER_BYTES + (long) pointer.length()) {
      throw corrupt("is " + received + " bytes, not " + (HEADER_BYTES + pointer.length()));
    }
    int length = readInt(0);
    if (length != pointer.length()) {
      throw corrupt("says " + length + " bytes");
    }
    if (readInt(4) != (int) crc.getValue()) {
      throw corrupt("fails its checksum");
    }
    ByteBuf bytes = switch (payload.size()) {
      case 0 -> Unpooled.EMPTY_BUFFER;
      case 1 -> payload.get(0);
      default -> Unpooled.wrappedBuffer(payload.size(), payload.toArray(ByteBuf[]::new));
    };
    return BufferInternal.buffer(bytes);
  }

  private int readInt(int at) {
    return (header[at] & 0xff) << 24 | (header[at + 1] & 0xff) << 16 | (header[at + 2] & 0xff) << 8
        | (header[at + 3] & 0xff);
  }

  private StreamException corrupt(String what) {
    return new StreamException(StreamErrorCode.CORRUPT, pointer.extent() + " block at " + pointer.offset()
        + " of " + pointer.length() + " bytes " + what);
  }
}
