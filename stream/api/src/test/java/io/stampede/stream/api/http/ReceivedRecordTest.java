package io.stampede.stream.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ReceivedRecordTest {
  private static final ExtentId EXTENT = ExtentId.of("e1");

  private static byte[] payload(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** A stored record: length, CRC32C, payload. */
  private static byte[] record(byte[] payload, int length, int crcDelta) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return ByteBuffer.allocate(8 + payload.length).putInt(length).putInt((int) crc.getValue() + crcDelta)
        .put(payload).array();
  }

  /** Feeds {@code bytes} in pieces of {@code piece} bytes. */
  private static ReceivedRecord feed(ExtentPointer pointer, byte[] bytes, int piece) {
    ReceivedRecord r = new ReceivedRecord(pointer);
    Buffer all = Buffer.buffer(bytes);
    for (int at = 0; at < bytes.length; at += piece) {
      r.add(all.slice(at, Math.min(bytes.length, at + piece)));
    }
    return r;
  }

  private static StreamErrorCode code(Runnable r) {
    return assertThrows(StreamException.class, r::run).code();
  }

  @Test
  void aRecordInPiecesOfAnySizeGivesItsPayload() {
    byte[] p = payload(100_000);
    ExtentPointer pointer = new ExtentPointer(EXTENT, 64, p.length);
    for (int piece : new int[] {1, 3, 7, 8, 9, 4096, 65_536, 100_008}) {
      assertEquals(Buffer.buffer(p), feed(pointer, record(p, p.length, 0), piece).payload(), "pieces of " + piece);
    }
    assertEquals(Buffer.buffer(), feed(new ExtentPointer(EXTENT, 0, 0), record(new byte[0], 0, 0), 8).payload());
  }

  @Test
  void aRecordThatDoesNotMatchItsPointerOrChecksumIsCorrupt() {
    byte[] p = payload(5000);
    ExtentPointer pointer = new ExtentPointer(EXTENT, 0, p.length);
    assertEquals(StreamErrorCode.CORRUPT, code(() -> feed(pointer, record(p, p.length, 1), 1000).payload()));
    assertEquals(StreamErrorCode.CORRUPT, code(() -> feed(pointer, record(p, p.length - 1, 0), 1000).payload()));
    byte[] flipped = record(p, p.length, 0);
    flipped[8 + 4000] ^= 1;
    assertEquals(StreamErrorCode.CORRUPT, code(() -> feed(pointer, flipped, 1000).payload()));
    byte[] full = record(p, p.length, 0);
    byte[] shortOne = java.util.Arrays.copyOf(full, full.length - 1);
    assertEquals(StreamErrorCode.CORRUPT, code(() -> feed(pointer, shortOne, 1000).payload()));
    assertEquals(StreamErrorCode.CORRUPT, code(() -> feed(pointer, java.util.Arrays.copyOf(full, 4), 1000).payload()));
    // a record running past the pointer fails as soon as it does, before it is all held
    byte[] longer = record(payload(6000), 6000, 0);
    assertEquals(StreamErrorCode.CORRUPT, code(() -> feed(pointer, longer, 1000)));
  }
}
