package io.stampede.common.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PartChecksumsTest {
  static byte[] digest(ChecksumAlgorithm alg, byte[] data) {
    ChecksumAlgorithm.Digest d = alg.newDigest();
    d.update(data, 0, data.length);
    return d.value();
  }

  static List<byte[]> randomParts(Random random, int count) {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] p = new byte[random.nextInt(5000)];
      random.nextBytes(p);
      parts.add(p);
    }
    return parts;
  }

  static List<PartChecksums.Part> asParts(ChecksumAlgorithm alg, List<byte[]> parts) {
    return parts.stream().map(p -> new PartChecksums.Part(digest(alg, p), p.length)).toList();
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @Test
  void allowedCombinationsAndDefaultsFollowTheS3Table() {
    assertThat(PartChecksums.allows(ChecksumAlgorithm.CRC64NVME, ChecksumType.FULL_OBJECT)).isTrue();
    assertThat(PartChecksums.allows(ChecksumAlgorithm.CRC64NVME, ChecksumType.COMPOSITE)).isFalse();
    for (ChecksumAlgorithm a : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C)) {
      assertThat(PartChecksums.allows(a, ChecksumType.FULL_OBJECT)).isTrue();
      assertThat(PartChecksums.allows(a, ChecksumType.COMPOSITE)).isTrue();
      assertThat(PartChecksums.defaultType(a)).isEqualTo(ChecksumType.COMPOSITE);
    }
    for (ChecksumAlgorithm a : List.of(ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
      assertThat(PartChecksums.allows(a, ChecksumType.FULL_OBJECT)).isFalse();
      assertThat(PartChecksums.allows(a, ChecksumType.COMPOSITE)).isTrue();
      assertThat(PartChecksums.defaultType(a)).isEqualTo(ChecksumType.COMPOSITE);
    }
    assertThat(PartChecksums.defaultType(ChecksumAlgorithm.CRC64NVME)).isEqualTo(ChecksumType.FULL_OBJECT);
  }

  @Test
  void refusalsUseTheS3Messages() {
    assertThat(PartChecksums.refusal(ChecksumAlgorithm.SHA256, ChecksumType.FULL_OBJECT))
        .contains("The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.");
    assertThat(PartChecksums.refusal(ChecksumAlgorithm.CRC64NVME, ChecksumType.COMPOSITE))
        .contains("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
    assertThat(PartChecksums.refusal(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT)).isEmpty();
    assertThatThrownBy(() -> PartChecksums.object(ChecksumAlgorithm.SHA1, ChecksumType.FULL_OBJECT,
        List.of(new PartChecksums.Part(new byte[20], 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.");
  }

  @ParameterizedTest
  @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
  void fullObjectEqualsTheChecksumOfAllTheBytes(ChecksumAlgorithm alg) {
    Random random = new Random(21);
    for (int round = 0; round < 40; round++) {
      List<byte[]> parts = randomParts(random, 1 + random.nextInt(8));
      if (round % 5 == 0) {
        parts.set(parts.size() - 1, new byte[0]); // an empty last part
      }
      StoredChecksum c = PartChecksums.object(alg, ChecksumType.FULL_OBJECT, asParts(alg, parts));
      assertThat(c.type()).isEqualTo(ChecksumType.FULL_OBJECT);
      assertThat(c.value()).isEqualTo(Base64.getEncoder().encodeToString(digest(alg, concat(parts))));
      assertThat(c.partCount()).isEmpty();
    }
  }

  @Test
  void compositeIsTheChecksumOfTheBinaryPartChecksumsComputedIndependently() throws Exception {
    Random random = new Random(22);
    List<byte[]> parts = randomParts(random, 3);
    // SHA-256 with the JDK alone.
    MessageDigest outer = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      outer.update(MessageDigest.getInstance("SHA-256").digest(p));
    }
    String sha256 = Base64.getEncoder().encodeToString(outer.digest()) + "-3";
    assertThat(PartChecksums.object(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE,
        asParts(ChecksumAlgorithm.SHA256, parts)).value()).isEqualTo(sha256);
    // SHA-1.
    MessageDigest sha1Outer = MessageDigest.getInstance("SHA-1");
    for (byte[] p : parts) {
      sha1Outer.update(MessageDigest.getInstance("SHA-1").digest(p));
    }
    assertThat(PartChecksums.object(ChecksumAlgorithm.SHA1, ChecksumType.COMPOSITE,
        asParts(ChecksumAlgorithm.SHA1, parts)).value())
        .isEqualTo(Base64.getEncoder().encodeToString(sha1Outer.digest()) + "-3");
    // CRC32 and CRC32C over the parts' 4-byte big-endian CRCs.
    CRC32 crc32 = new CRC32();
    CRC32C crc32c = new CRC32C();
    for (byte[] p : parts) {
      CRC32 one = new CRC32();
      one.update(p);
      crc32.update(ByteBuffer.allocate(4).putInt((int) one.getValue()).array());
      CRC32C onec = new CRC32C();
      onec.update(p);
      crc32c.update(ByteBuffer.allocate(4).putInt((int) onec.getValue()).array());
    }
    StoredChecksum c32 = PartChecksums.object(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE,
        asParts(ChecksumAlgorithm.CRC32, parts));
    assertThat(c32.value()).isEqualTo(
        Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc32.getValue()).array()) + "-3");
    assertThat(c32.partCount()).hasValue(3);
    assertThat(c32.type()).isEqualTo(ChecksumType.COMPOSITE);
    assertThat(PartChecksums.object(ChecksumAlgorithm.CRC32C, ChecksumType.COMPOSITE,
        asParts(ChecksumAlgorithm.CRC32C, parts)).value()).isEqualTo(
        Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc32c.getValue()).array()) + "-3");
  }

  /** A one-part composite is still a checksum of checksums, not the part's checksum. */
  @Test
  void onePartCompositeHashesThePartChecksum() {
    byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
    byte[] partSha = digest(ChecksumAlgorithm.SHA256, data);
    StoredChecksum c = PartChecksums.object(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE,
        List.of(new PartChecksums.Part(partSha, data.length)));
    assertThat(c.value()).isEqualTo(
        Base64.getEncoder().encodeToString(digest(ChecksumAlgorithm.SHA256, partSha)) + "-1");
    assertThat(c.digestBase64()).isNotEqualTo(Base64.getEncoder().encodeToString(partSha));
  }

  @Test
  void fullObjectHandlesPartSizesAbove4GiB() {
    // Three parts of 5 GiB of zeros: three combinations against 15,360 of 1 MiB each.
    CrcCombine crc = CrcCombine.of(ChecksumAlgorithm.CRC32C);
    long fiveGiB = 5L << 30;
    long z5 = zerosCrc(crc, fiveGiB);
    List<PartChecksums.Part> parts = List.of(
        new PartChecksums.Part(crc.toBytes(z5), fiveGiB),
        new PartChecksums.Part(crc.toBytes(z5), fiveGiB),
        new PartChecksums.Part(crc.toBytes(z5), fiveGiB));
    StoredChecksum c = PartChecksums.object(ChecksumAlgorithm.CRC32C, ChecksumType.FULL_OBJECT, parts);
    assertThat(c.digest()).containsExactly(crc.toBytes(zerosCrc(crc, 3 * fiveGiB)));
  }

  /** crc(0^n) by doubling from a directly computed crc of 1 MiB of zeros. */
  private static long zerosCrc(CrcCombine crc, long n) {
    long unit = 1 << 20;
    CRC32C direct = new CRC32C();
    direct.update(new byte[(int) unit]);
    long acc = 0;
    for (long done = 0; done < n; done += unit) {
      acc = crc.combine(acc, direct.getValue(), unit);
    }
    return acc;
  }

  @Test
  void rejectsNoPartsAndWrongWidths() {
    assertThatThrownBy(() -> PartChecksums.object(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartChecksums.object(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT,
        List.of(new PartChecksums.Part(new byte[8], 3)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PartChecksums.Part(new byte[4], -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PartChecksums.Part.ofBase64("AAAAAA==", 7).checksum()).containsExactly(0, 0, 0, 0);
  }
}
