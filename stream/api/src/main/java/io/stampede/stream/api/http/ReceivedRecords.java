package io.stampede.stream.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Stored records (u32 payload length, u32 CRC32C of the payload, the payload) as they arrive in
 * pieces of any size: each record's length is bounded as soon as its header is in, its checksum
 * is checked as its payload passes, and each payload is kept as the pieces themselves, not copied
 * into one buffer. Fails CORRUPT on a checksum that does not match or a record cut short,
 * TOO_LARGE on a record or a stream of records over its bound. Not thread-safe.
 */
public final class ReceivedRecords {
  private static final int HEADER_BYTES = ExtentNodeApi.BLOCK_OVERHEAD_BYTES;

  private final String what;
  private final int recordBytesMax;
  private final long bytesMax;
  private final byte[] header = new byte[HEADER_BYTES];
  private final List<Buffer> blocks = new ArrayList<>();
  private final List<ByteBuf> payload = new ArrayList<>();
  private CRC32C crc;
  private int headerHeld;
  private int payloadLeft;
  private long received;

  /** {@code what} names the records in errors. */
  public ReceivedRecords(String what, int recordBytesMax, long bytesMax) {
    this.what = what;
    this.recordBytesMax = recordBytesMax;
    this.bytesMax = bytesMax;
  }

  /** Takes the next piece. */
  public void add(Buffer piece) {
    ByteBuf b = ((BufferInternal) piece).getByteBuf();
    received += b.readableBytes();
    if (received > bytesMax) {
      throw new StreamException(StreamErrorCode.TOO_LARGE, what + " run past " + bytesMax + " bytes");
    }
    int at = b.readerIndex();
    int end = b.writerIndex();
    while (at < end) {
      if (headerHeld < HEADER_BYTES) {
        int n = Math.min(HEADER_BYTES - headerHeld, end - at);
        b.getBytes(at, header, headerHeld, n);
        headerHeld += n;
        at += n;
        if (headerHeld == HEADER_BYTES) {
          startPayload();
        }
      } else {
        int n = Math.min(payloadLeft, end - at);
        ByteBuf data = b.slice(at, n);
        crc.update(data.nioBuffer());
        payload.add(data);
        payloadLeft -= n;
        at += n;
      }
      if (headerHeld == HEADER_BYTES && payloadLeft == 0) {
        endPayload();
      }
    }
  }

  /** The payloads of every record, in order; fails CORRUPT if the last one is cut short. */
  public List<Buffer> blocks() {
    if (headerHeld != 0) {
      throw new StreamException(StreamErrorCode.CORRUPT, what + " end inside a record (" + received + " bytes)");
    }
    return blocks;
  }

  private void startPayload() {
    int length = readInt(0);
    if (length < 0 || length > recordBytesMax) {
      throw new StreamException(StreamErrorCode.TOO_LARGE, what + " hold a record of " + length
          + " bytes, over " + recordBytesMax);
    }
    payloadLeft = length;
    crc = new CRC32C();
  }

  private void endPayload() {
    if (readInt(4) != (int) crc.getValue()) {
      throw new StreamException(StreamErrorCode.CORRUPT, what + ": record " + blocks.size() + " fails its checksum");
    }
    ByteBuf bytes = switch (payload.size()) {
      case 0 -> Unpooled.EMPTY_BUFFER;
      case 1 -> payload.get(0);
      default -> Unpooled.wrappedBuffer(payload.size(), payload.toArray(ByteBuf[]::new));
    };
    blocks.add(BufferInternal.buffer(bytes));
    payload.clear();
    headerHeld = 0;
  }

  private int readInt(int at) {
    return (header[at] & 0xff) << 24 | (header[at + 1] & 0xff) << 16 | (header[at + 2] & 0xff) << 8
        | (header[at + 3] & 0xff);
  }
}
