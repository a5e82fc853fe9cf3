package io.stampede.common.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrcCombineTest {
  static final List<ChecksumAlgorithm> CRCS =
      List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME);

  static long crc(ChecksumAlgorithm alg, byte[] data, int off, int len) {
    ChecksumAlgorithm.Digest d = alg.newDigest();
    d.update(data, off, len);
    return CrcCombine.of(alg).toLong(d.value());
  }

  static long crc(ChecksumAlgorithm alg, byte[] data) {
    return crc(alg, data, 0, data.length);
  }

  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void checkStringSplitAnywhere(ChecksumAlgorithm alg) {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    CrcCombine c = CrcCombine.of(alg);
    for (int split = 0; split <= check.length; split++) {
      long a = crc(alg, check, 0, split);
      long b = crc(alg, check, split, check.length - split);
      assertThat(c.combine(a, b, check.length - split)).as("split at %d", split).isEqualTo(crc(alg, check));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void randomTwoWaySplitsEqualTheWholeCrc(ChecksumAlgorithm alg) {
    Random random = new Random(11);
    CrcCombine c = CrcCombine.of(alg);
    for (int round = 0; round < 300; round++) {
      byte[] data = new byte[random.nextInt(3000)];
      random.nextBytes(data);
      int split = data.length == 0 ? 0 : random.nextInt(data.length + 1);
      long combined = c.combine(crc(alg, data, 0, split), crc(alg, data, split, data.length - split),
          data.length - split);
      assertThat(combined).as("round %d, %d bytes split at %d", round, data.length, split).isEqualTo(crc(alg, data));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void manyPartsWithEmptyOnesFoldToTheWholeCrc(ChecksumAlgorithm alg) {
    Random random = new Random(12);
    CrcCombine c = CrcCombine.of(alg);
    for (int round = 0; round < 50; round++) {
      byte[] data = new byte[random.nextInt(20_000)];
      random.nextBytes(data);
      int[] cuts = random.ints(random.nextInt(12), 0, data.length + 1).sorted().toArray();
      int[] bounds = new int[cuts.length + 2];
      System.arraycopy(cuts, 0, bounds, 1, cuts.length);
      bounds[bounds.length - 1] = data.length;
      long acc = crc(alg, new byte[0]);
      for (int i = 0; i + 1 < bounds.length; i++) {
        int len = bounds[i + 1] - bounds[i];
        acc = c.combine(acc, crc(alg, data, bounds[i], len), len);
      }
      assertThat(acc).as("round %d, cuts %s", round, Arrays.toString(cuts)).isEqualTo(crc(alg, data));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void emptySidesAreIdentities(ChecksumAlgorithm alg) {
    CrcCombine c = CrcCombine.of(alg);
    long empty = crc(alg, new byte[0]);
    assertThat(empty).isZero();
    long x = crc(alg, "abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(c.combine(x, empty, 0)).isEqualTo(x);
    assertThat(c.combine(empty, x, 3)).isEqualTo(x);
  }

  /** Appending n zero bytes, computed byte by byte, for n up to a few MiB. */
  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void extendingByZeroBytesMatchesTheDigest(ChecksumAlgorithm alg) {
    CrcCombine c = CrcCombine.of(alg);
    byte[] prefix = "stampede".getBytes(StandardCharsets.US_ASCII);
    long crcPrefix = crc(alg, prefix);
    byte[] zeros = new byte[1 << 16];
    ChecksumAlgorithm.Digest running = alg.newDigest();
    running.update(prefix, 0, prefix.length);
    long written = 0;
    for (long target : new long[] {1, 7, 8, 255, 256, 4095, 65_536, 1_000_003, 3 << 20}) {
      while (written < target) {
        int n = (int) Math.min(zeros.length, target - written);
        running.update(zeros, 0, n);
        written += n;
      }
      ChecksumAlgorithm.Digest z = alg.newDigest();
      for (long left = target; left > 0; left -= Math.min(zeros.length, left)) {
        z.update(zeros, 0, (int) Math.min(zeros.length, left));
      }
      long crcZeros = c.toLong(z.value());
      assertThat(c.combine(crcPrefix, crcZeros, target)).as("%d zero bytes", target)
          .isEqualTo(c.toLong(running.value()));
    }
  }

  /** Lengths far beyond 4 GiB, checked against an independent GF(2) matrix implementation. */
  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void hugeLengthsMatchTheMatrixMethod(ChecksumAlgorithm alg) {
    Random random = new Random(13);
    CrcCombine c = CrcCombine.of(alg);
    MatrixCombine reference = MatrixCombine.of(alg);
    long mask = c.widthBytes() == 8 ? -1L : 0xFFFF_FFFFL;
    long[] lengths = {0, 1, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, 5L << 30, 1L << 40, 5L * 1024 * 1024 * 1024 * 1024,
        Long.MAX_VALUE};
    for (long len : lengths) {
      long a = random.nextLong() & mask;
      long b = random.nextLong() & mask;
      assertThat(c.combine(a, b, len)).as("length %d", len).isEqualTo(reference.combine(a, b, len));
    }
    for (int i = 0; i < 200; i++) {
      long len = random.nextLong() >>> (1 + random.nextInt(63));
      long a = random.nextLong() & mask;
      long b = random.nextLong() & mask;
      assertThat(c.combine(a, b, len)).as("length %d", len).isEqualTo(reference.combine(a, b, len));
    }
  }

  /** crc(ABC) is the same whether A+B or B+C is combined first, for lengths of any size. */
  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void combinationIsAssociative(ChecksumAlgorithm alg) {
    Random random = new Random(14);
    CrcCombine c = CrcCombine.of(alg);
    long mask = c.widthBytes() == 8 ? -1L : 0xFFFF_FFFFL;
    for (int i = 0; i < 500; i++) {
      long a = random.nextLong() & mask;
      long b = random.nextLong() & mask;
      long cc = random.nextLong() & mask;
      long lenB = random.nextLong() >>> (2 + random.nextInt(62));
      long lenC = random.nextLong() >>> (2 + random.nextInt(62));
      long left = c.combine(c.combine(a, b, lenB), cc, lenC);
      long right = c.combine(a, c.combine(b, cc, lenC), lenB + lenC);
      assertThat(left).as("lenB %d lenC %d", lenB, lenC).isEqualTo(right);
    }
  }

  @Test
  void bytesRoundTripBigEndian() {
    CrcCombine c32 = CrcCombine.of(ChecksumAlgorithm.CRC32);
    assertThat(c32.toBytes(0xCBF43926L)).containsExactly(0xCB, 0xF4, 0x39, 0x26);
    assertThat(c32.toLong(new byte[] {(byte) 0xCB, (byte) 0xF4, 0x39, 0x26})).isEqualTo(0xCBF43926L);
    CrcCombine c64 = CrcCombine.of(ChecksumAlgorithm.CRC64NVME);
    assertThat(c64.toLong(c64.toBytes(0xAE8B14860A799888L))).isEqualTo(0xAE8B14860A799888L);
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    for (ChecksumAlgorithm alg : CRCS) {
      ChecksumAlgorithm.Digest a = alg.newDigest();
      a.update(check, 0, 4);
      ChecksumAlgorithm.Digest b = alg.newDigest();
      b.update(check, 4, 5);
      ChecksumAlgorithm.Digest whole = alg.newDigest();
      whole.update(check, 0, 9);
      assertThat(CrcCombine.of(alg).combine(a.value(), b.value(), 5)).containsExactly(whole.value());
    }
  }

  @Test
  void rejectsWhatCannotBeCombined() {
    assertThat(CrcCombine.supports(ChecksumAlgorithm.SHA256)).isFalse();
    assertThat(CrcCombine.supports(ChecksumAlgorithm.CRC32C)).isTrue();
    assertThatThrownBy(() -> CrcCombine.of(ChecksumAlgorithm.SHA1)).isInstanceOf(IllegalArgumentException.class);
    CrcCombine c = CrcCombine.of(ChecksumAlgorithm.CRC32);
    assertThatThrownBy(() -> c.combine(1, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.toLong(new byte[8])).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The older zlib method, written independently of {@link CrcCombine}: the CRC register's
   * response to one zero bit is a linear map over GF(2); squaring its matrix gives the map for
   * 2, 4, 8 ... bits, and those for the set bits of 8n are applied to crc(A).
   */
  record MatrixCombine(long reflectedPoly, int width) {
    static MatrixCombine of(ChecksumAlgorithm alg) {
      return switch (alg) {
        case CRC32 -> new MatrixCombine(0xEDB88320L, 32);
        case CRC32C -> new MatrixCombine(0x82F63B78L, 32);
        case CRC64NVME -> new MatrixCombine(0x9A6C9329AC4BC9B5L, 64);
        default -> throw new IllegalArgumentException();
      };
    }

    long combine(long crcA, long crcB, long lengthB) {
      long[] op = new long[width];
      op[0] = reflectedPoly; // one zero bit shifted in
      for (int i = 1; i < width; i++) {
        op[i] = 1L << (i - 1);
      }
      op = square(square(square(op))); // one zero byte
      long crc = crcA;
      for (long n = lengthB; n != 0; n >>>= 1) {
        if ((n & 1) != 0) {
          crc = times(op, crc);
        }
        op = square(op);
      }
      return crc ^ crcB;
    }

    private long times(long[] matrix, long vector) {
      long sum = 0;
      for (int i = 0; vector != 0; i++, vector >>>= 1) {
        if ((vector & 1) != 0) {
          sum ^= matrix[i];
        }
      }
      return sum;
    }

    private long[] square(long[] matrix) {
      long[] out = new long[width];
      for (int i = 0; i < width; i++) {
        out[i] = times(matrix, matrix[i]);
      }
      return out;
    }
  }
}
