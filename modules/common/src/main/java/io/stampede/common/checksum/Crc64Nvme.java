package io.stampede.common.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the S3 {@code x-amz-checksum-crc64nvme} algorithm): reflected polynomial
 * 0x9A6C9329AC4BC9B5, initial value and final xor all ones. Table driven, eight bytes at a time
 * ("slicing-by-8": eight tables, one per byte position of a little-endian word), the tail one
 * byte at a time; S3's default checksum, so every upload's bytes pass through here.
 */
public final class Crc64Nvme implements Checksum {
  static final long POLY = 0x9A6C9329AC4BC9B5L;
  private static final long[] TABLE = table();
  private static final long[][] SLICES = slices();
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long crc = -1L;

  private static long[] table() {
    long[] t = new long[256];
    for (int i = 0; i < 256; i++) {
      long c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
      }
      t[i] = c;
    }
    return t;
  }

  /** {@code SLICES[k][i]}: the CRC of byte i followed by k zero bytes. */
  private static long[][] slices() {
    long[][] t = new long[8][];
    t[0] = TABLE;
    for (int k = 1; k < 8; k++) {
      t[k] = new long[256];
      for (int i = 0; i < 256; i++) {
        long prev = t[k - 1][i];
        t[k][i] = (prev >>> 8) ^ TABLE[(int) (prev & 0xff)];
      }
    }
    return t;
  }

  @Override
  public void update(int b) {
    crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    long c = crc;
    long[] t0 = SLICES[0];
    long[] t1 = SLICES[1];
    long[] t2 = SLICES[2];
    long[] t3 = SLICES[3];
    long[] t4 = SLICES[4];
    long[] t5 = SLICES[5];
    long[] t6 = SLICES[6];
    long[] t7 = SLICES[7];
    int i = off;
    for (int words = off + (len & ~7); i < words; i += 8) {
      long v = c ^ (long) LONG_LE.get(b, i);
      c = t7[(int) (v & 0xff)] ^ t6[(int) ((v >>> 8) & 0xff)] ^ t5[(int) ((v >>> 16) & 0xff)]
          ^ t4[(int) ((v >>> 24) & 0xff)] ^ t3[(int) ((v >>> 32) & 0xff)] ^ t2[(int) ((v >>> 40) & 0xff)]
          ^ t1[(int) ((v >>> 48) & 0xff)] ^ t0[(int) (v >>> 56)];
    }
    for (; i < off + len; i++) {
      c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
    }
    crc = c;
  }

  @Override
  public long getValue() {
    return ~crc;
  }

  @Override
  public void reset() {
    crc = -1L;
  }
}
