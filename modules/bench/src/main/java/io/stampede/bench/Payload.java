package io.stampede.bench;

import java.io.InputStream;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Object contents, generated while they stream and never held whole: object {@code seed}'s byte
 * at position {@code p} is {@code BASE[(p + shift(seed)) % BASE.length]}, BASE being 1 MiB of
 * seeded random bytes. So any range of any object can be produced again (a retried request, one
 * part of a multipart upload) and its expected CRC32 computed without the server.
 */
final class Payload {
  private static final int BASE_BYTES = 1 << 20;
  private static final byte[] BASE = new byte[BASE_BYTES];

  static {
    new Random(7).nextBytes(BASE);
  }

  private Payload() {}

  /** The bytes {@code [offset, offset + length)} of object {@code seed}. */
  static InputStream stream(long seed, long offset, long length) {
    return new PatternStream(seed, offset, length);
  }

  /** The CRC32 of the bytes {@code [offset, offset + length)} of object {@code seed}. */
  static long crc32(long seed, long offset, long length) {
    CRC32 crc = new CRC32();
    long pos = offset;
    long end = offset + length;
    while (pos < end) {
      int start = basePosition(seed, pos);
      int n = (int) Math.min(end - pos, BASE_BYTES - start);
      crc.update(BASE, start, n);
      pos += n;
    }
    return crc.getValue();
  }

  private static int basePosition(long seed, long pos) {
    return (int) Math.floorMod(pos + seed * 7919L, (long) BASE_BYTES);
  }

  private static final class PatternStream extends InputStream {
    private final long seed;
    private final long end;
    private long pos;

    PatternStream(long seed, long offset, long length) {
      this.seed = seed;
      this.pos = offset;
      this.end = offset + length;
    }

    @Override
    public int read() {
      if (pos >= end) {
        return -1;
      }
      return BASE[basePosition(seed, pos++)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int start = basePosition(seed, pos);
      int n = (int) Math.min(Math.min(len, end - pos), BASE_BYTES - start);
      System.arraycopy(BASE, start, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - pos);
    }
  }
}
