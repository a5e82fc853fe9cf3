package io.stampede.common.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredChecksumTest {
  @Test
  void fullObjectValueIsPlainBase64() {
    StoredChecksum c = StoredChecksum.fullObject(ChecksumAlgorithm.CRC32, new byte[] {(byte) 0xCB, (byte) 0xF4, 0x39, 0x26});
    assertThat(c.value()).isEqualTo("y/Q5Jg==");
    assertThat(c.digestBase64()).isEqualTo("y/Q5Jg==");
    assertThat(c.digest()).containsExactly(0xCB, 0xF4, 0x39, 0x26);
    assertThat(c.partCount()).isEmpty();
    assertThat(c.header()).isEqualTo("x-amz-checksum-crc32");
    assertThat(c.responseHeaders()).containsExactly(
        Map.entry("x-amz-checksum-crc32", "y/Q5Jg=="), Map.entry("x-amz-checksum-type", "FULL_OBJECT"));
  }

  @Test
  void compositeValueCarriesThePartCount() {
    StoredChecksum c = StoredChecksum.composite(ChecksumAlgorithm.CRC32C, new byte[] {1, 2, 3, 4}, 12);
    assertThat(c.value()).isEqualTo("AQIDBA==-12");
    assertThat(c.digestBase64()).isEqualTo("AQIDBA==");
    assertThat(c.partCount()).hasValue(12);
    assertThat(c.responseHeaders()).containsEntry("x-amz-checksum-crc32c", "AQIDBA==-12")
        .containsEntry("x-amz-checksum-type", "COMPOSITE");
  }

  @Test
  void parseReadsWhatWasStored() {
    StoredChecksum c = StoredChecksum.composite(ChecksumAlgorithm.SHA256, new byte[32], 10_000);
    assertThat(StoredChecksum.parse(c.algorithm().name(), c.type().name(), c.value())).isEqualTo(c);
    assertThat(StoredChecksum.parse("crc64nvme", "full_object", "AAAAAAAAAAA="))
        .isEqualTo(StoredChecksum.fullObject(ChecksumAlgorithm.CRC64NVME, new byte[8]));
  }

  @Test
  void refusesMalformedValues() {
    assertThatThrownBy(() -> StoredChecksum.parse("MD5", "FULL_OBJECT", "AAAAAA==")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoredChecksum.parse("CRC32", "WHOLE", "AAAAAA==")).isInstanceOf(IllegalArgumentException.class);
    // Wrong digest length for the algorithm.
    assertThatThrownBy(() -> new StoredChecksum(ChecksumAlgorithm.CRC64NVME, ChecksumType.FULL_OBJECT, "AAAAAA=="))
        .isInstanceOf(IllegalArgumentException.class);
    // Not base64.
    assertThatThrownBy(() -> new StoredChecksum(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT, "!!!!"))
        .isInstanceOf(IllegalArgumentException.class);
    // Part count where none belongs, or missing, zero, too large, not a number.
    assertThatThrownBy(() -> new StoredChecksum(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT, "AAAAAA==-2"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String bad : new String[] {"AAAAAA==", "AAAAAA==-0", "AAAAAA==-10001", "AAAAAA==-x", "AAAAAA==-", "AAAAAA==--1"}) {
      assertThatThrownBy(() -> new StoredChecksum(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE, bad))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void digestLengthsPerAlgorithm() {
    assertThat(StoredChecksum.digestBytes(ChecksumAlgorithm.CRC32)).isEqualTo(4);
    assertThat(StoredChecksum.digestBytes(ChecksumAlgorithm.CRC32C)).isEqualTo(4);
    assertThat(StoredChecksum.digestBytes(ChecksumAlgorithm.CRC64NVME)).isEqualTo(8);
    assertThat(StoredChecksum.digestBytes(ChecksumAlgorithm.SHA1)).isEqualTo(20);
    assertThat(StoredChecksum.digestBytes(ChecksumAlgorithm.SHA256)).isEqualTo(32);
    for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
      assertThat(a.newDigest().value()).hasSize(StoredChecksum.digestBytes(a));
    }
  }
}
