package io.stampede.common.checksum;

/**
 * Combines the CRCs of two adjacent byte sequences A and B into the CRC of AB from
 * {@code crc(A)}, {@code crc(B)} and {@code |B|} alone, for the reflected CRCs S3 offers (CRC32,
 * CRC32C, CRC64NVME). This is how a multipart upload gets its FULL_OBJECT checksum from its
 * parts' checksums without reading the bytes again.
 *
 * <p>For a CRC whose initial value and final xor are both all ones,
 * {@code crc(AB) = crc(A) * x^(8|B|) mod P  xor  crc(B)} in GF(2)[x]: the register state after A
 * is carried through |B| more bytes, which multiplies it by x once per bit, and the all-ones
 * presets of the two runs cancel. x^(8n) mod P comes from a table of x^(2^k) mod P by square and
 * multiply, so one combination costs at most 64 polynomial products whatever the length.
 *
 * <p>Polynomials are held reflected, as the CRC registers are: in a {@code width}-bit value the
 * top bit is the coefficient of x^0 and bit 0 that of x^(width-1).
 */
public final class CrcCombine {
  /** Enough powers for x^(8n) with n up to {@link Long#MAX_VALUE}: k = 3 .. 65. */
  private static final int POWERS = 66;

  private static final CrcCombine CRC32 = new CrcCombine(0xEDB88320L, 32);
  private static final CrcCombine CRC32C = new CrcCombine(0x82F63B78L, 32);
  private static final CrcCombine CRC64NVME = new CrcCombine(Crc64Nvme.POLY, 64);

  private final long poly;
  private final int width;
  /** {@code powers[k] = x^(2^k) mod P}. */
  private final long[] powers = new long[POWERS];

  private CrcCombine(long reflectedPoly, int width) {
    this.poly = reflectedPoly;
    this.width = width;
    powers[0] = 1L << (width - 2); // x^1
    for (int k = 1; k < POWERS; k++) {
      powers[k] = multiply(powers[k - 1], powers[k - 1]);
    }
  }

  /** Whether {@code algorithm} is a CRC this class can combine. */
  public static boolean supports(ChecksumAlgorithm algorithm) {
    return algorithm == ChecksumAlgorithm.CRC32 || algorithm == ChecksumAlgorithm.CRC32C
        || algorithm == ChecksumAlgorithm.CRC64NVME;
  }

  /** The combiner for a CRC algorithm; IllegalArgumentException for SHA-1 and SHA-256. */
  public static CrcCombine of(ChecksumAlgorithm algorithm) {
    return switch (algorithm) {
      case CRC32 -> CRC32;
      case CRC32C -> CRC32C;
      case CRC64NVME -> CRC64NVME;
      case SHA1, SHA256 -> throw new IllegalArgumentException(algorithm + " checksums cannot be combined");
    };
  }

  /** The CRC width in bytes (4 or 8): the length of the big-endian checksum S3 base64-encodes. */
  public int widthBytes() {
    return width / 8;
  }

  /**
   * The CRC of A followed by B. {@code crcA} and {@code crcB} are final CRC values (as
   * {@link java.util.zip.Checksum#getValue()} returns them); {@code lengthB} is B's length in bytes.
   */
  public long combine(long crcA, long crcB, long lengthB) {
    if (lengthB < 0) {
      throw new IllegalArgumentException("negative length " + lengthB);
    }
    return multiply(xPow8n(lengthB), crcA) ^ crcB;
  }

  /** {@link #combine(long, long, long)} on big-endian checksum bytes, as S3 stores them. */
  public byte[] combine(byte[] crcA, byte[] crcB, long lengthB) {
    return toBytes(combine(toLong(crcA), toLong(crcB), lengthB));
  }

  /** The big-endian bytes of a CRC value of this width. */
  public byte[] toBytes(long crc) {
    byte[] out = new byte[widthBytes()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = (byte) crc;
      crc >>>= 8;
    }
    return out;
  }

  /** The CRC value of big-endian checksum bytes; IllegalArgumentException if the length is not this width's. */
  public long toLong(byte[] crc) {
    if (crc.length != widthBytes()) {
      throw new IllegalArgumentException("a " + width + "-bit CRC has " + widthBytes() + " bytes, not " + crc.length);
    }
    long v = 0;
    for (byte b : crc) {
      v = (v << 8) | (b & 0xff);
    }
    return v;
  }

  /** x^(8n) mod P. */
  private long xPow8n(long n) {
    long p = 1L << (width - 1); // x^0
    for (int k = 3; n != 0; k++, n >>>= 1) {
      if ((n & 1) != 0) {
        p = multiply(powers[k], p);
      }
    }
    return p;
  }

  /** a * b mod P, both reflected. */
  private long multiply(long a, long b) {
    long product = 0;
    for (long m = 1L << (width - 1); m != 0 && a != 0; m >>>= 1) {
      if ((a & m) != 0) {
        product ^= b;
        a ^= m;
      }
      b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
    }
    return product;
  }
}
