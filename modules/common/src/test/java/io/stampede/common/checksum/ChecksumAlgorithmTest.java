package io.stampede.common.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {
  static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  static String hex(ChecksumAlgorithm alg, byte[] data) {
    ChecksumAlgorithm.Digest d = alg.newDigest();
    d.update(data, 0, 4);
    d.update(data, 4, data.length - 4);
    return HexFormat.of().formatHex(d.value());
  }

  @Test
  void standardCheckValues() {
    assertEquals("cbf43926", hex(ChecksumAlgorithm.CRC32, CHECK));
    assertEquals("e3069283", hex(ChecksumAlgorithm.CRC32C, CHECK));
    assertEquals("ae8b14860a799888", hex(ChecksumAlgorithm.CRC64NVME, CHECK));
    assertEquals("f7c3bc1d808e04732adf679965ccc34ca7ae3441", hex(ChecksumAlgorithm.SHA1, CHECK));
    assertEquals("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225", hex(ChecksumAlgorithm.SHA256, CHECK));
  }

  @Test
  void crc64NvmeSingleBytesEqualBulk() {
    Crc64Nvme a = new Crc64Nvme();
    for (byte b : CHECK) {
      a.update(b);
    }
    assertEquals(0xAE8B14860A799888L, a.getValue());
    a.reset();
    a.update(new byte[0], 0, 0);
    assertEquals(0L, a.getValue());
    assertEquals(0xAE8B14860A799888L, ByteBuffer.wrap(HexFormat.of().parseHex(hex(ChecksumAlgorithm.CRC64NVME, CHECK))).getLong());
  }

  @Test
  void crc64NvmeEightAtATimeEqualsOneAtATimeAtAnyOffsetAndLength() {
    byte[] data = new byte[4099];
    new java.util.Random(11).nextBytes(data);
    for (int off = 0; off < 9; off++) {
      for (int len : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 1000, data.length - off}) {
        Crc64Nvme bulk = new Crc64Nvme();
        bulk.update(data, off, len);
        Crc64Nvme single = new Crc64Nvme();
        for (int i = off; i < off + len; i++) {
          single.update(data[i]);
        }
        assertEquals(single.getValue(), bulk.getValue(), off + "+" + len);
      }
    }
  }

  @Test
  void aDigestTakesANioBufferLikeTheSameBytes() {
    byte[] data = new byte[10_000];
    new java.util.Random(12).nextBytes(data);
    for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
      ChecksumAlgorithm.Digest fromArray = alg.newDigest();
      fromArray.update(data, 100, 9000);
      ChecksumAlgorithm.Digest fromHeap = alg.newDigest();
      fromHeap.update(ByteBuffer.wrap(data, 100, 9000));
      ChecksumAlgorithm.Digest fromDirect = alg.newDigest();
      fromDirect.update(ByteBuffer.allocateDirect(9000).put(data, 100, 9000).flip());
      String expected = HexFormat.of().formatHex(fromArray.value());
      assertEquals(expected, HexFormat.of().formatHex(fromHeap.value()), alg.name());
      assertEquals(expected, HexFormat.of().formatHex(fromDirect.value()), alg.name());
    }
  }

  @Test
  void headerNames() {
    assertEquals(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.fromHeader("X-Amz-Checksum-CRC32C").orElseThrow());
    assertEquals("x-amz-checksum-crc64nvme", ChecksumAlgorithm.CRC64NVME.header());
  }
}
