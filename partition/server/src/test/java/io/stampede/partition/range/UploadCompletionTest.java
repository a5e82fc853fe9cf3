package io.stampede.partition.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.partition.api.ObjectPart;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UploadCompletionTest {
  private static String checksum(ChecksumAlgorithm alg, byte[] data) {
    ChecksumAlgorithm.Digest d = alg.newDigest();
    d.update(data, 0, data.length);
    return Base64.getEncoder().encodeToString(d.value());
  }

  @Test
  void defaultUploadGetsTheFullObjectCrc64NvmeOfAllItsBytes() {
    Random random = new Random(5);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    List<ObjectPart> parts = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      byte[] bytes = new byte[1000 + random.nextInt(3000)];
      random.nextBytes(bytes);
      whole.writeBytes(bytes);
      parts.add(new ObjectPart(n, bytes.length, "etag" + n, 0, checksum(ChecksumAlgorithm.CRC64NVME, bytes)));
    }
    StoredChecksum c = UploadCompletion.checksum(ChecksumAlgorithm.CRC64NVME, ChecksumType.FULL_OBJECT, parts)
        .orElseThrow();
    assertThat(c).isEqualTo(new StoredChecksum(ChecksumAlgorithm.CRC64NVME, ChecksumType.FULL_OBJECT,
        checksum(ChecksumAlgorithm.CRC64NVME, whole.toByteArray())));
  }

  @Test
  void compositeCarriesThePartCountAndAPartWithoutChecksumGivesNone() {
    List<ObjectPart> parts = List.of(
        new ObjectPart(1, 1, "a", 0, checksum(ChecksumAlgorithm.SHA256, new byte[] {1})),
        new ObjectPart(2, 1, "b", 0, checksum(ChecksumAlgorithm.SHA256, new byte[] {2})));
    assertThat(UploadCompletion.checksum(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE, parts).orElseThrow()
        .partCount()).hasValue(2);
    List<ObjectPart> missing = List.of(parts.get(0), new ObjectPart(2, 1, "b", 0, ""));
    assertThat(UploadCompletion.checksum(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE, missing)).isEmpty();
  }
}
