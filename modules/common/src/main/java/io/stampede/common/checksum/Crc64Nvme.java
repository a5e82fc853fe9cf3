package io.stampede.common.checksum;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the S3 {@code x-amz-checksum-crc64nvme} algorithm): reflected polynomial
 * 0x9A6C9329AC4BC9B5, initial value and final xor all ones. Table driven, one byte at a time.
 */
public final class Crc64Nvme implements Checksum {
  static final long POLY = 0x9A6C9329AC4BC9B5L;
  private static final long[] TABLE = table();

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

  @Override
  public void update(int b) {
    crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    long c = crc;
    for (int i = off; i < off + len; i++) {
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
