package io.stampede.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class PayloadTest {
  private static byte[] read(long seed, long offset, long length) throws IOException {
    try (InputStream in = Payload.stream(seed, offset, length)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[100_000]; // not a divisor of the 1 MiB pattern
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  @Test
  void streamAndChecksumAgreeAcrossThePatternsWrap() throws IOException {
    long size = (3L << 20) + 12345;
    byte[] whole = read(42, 0, size);
    assertThat(whole).hasSize((int) size);
    assertThat(crc(whole)).isEqualTo(Payload.crc32(42, 0, size));
  }

  @Test
  void partsConcatenateToTheWholeObject() throws IOException {
    long part = (1L << 20) + 7;
    byte[] whole = read(9, 0, 3 * part);
    ByteArrayOutputStream parts = new ByteArrayOutputStream();
    for (int p = 0; p < 3; p++) {
      parts.write(read(9, p * part, part));
    }
    assertThat(parts.toByteArray()).isEqualTo(whole);
  }

  @Test
  void objectsDifferAndEmptyOnesAreEmpty() throws IOException {
    assertThat(read(1, 0, 4096)).isNotEqualTo(read(2, 0, 4096));
    assertThat(Payload.crc32(1, 0, 4096)).isNotEqualTo(Payload.crc32(2, 0, 4096));
    assertThat(read(1, 0, 0)).isEmpty();
    assertThat(Payload.crc32(1, 0, 0)).isEqualTo(new CRC32().getValue());
  }

  @Test
  void singleByteReadsMatch() throws IOException {
    byte[] bulk = read(5, 10, 300);
    try (InputStream in = Payload.stream(5, 10, 300)) {
      for (byte b : bulk) {
        assertThat(in.read()).isEqualTo(b & 0xff);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
  }
}
