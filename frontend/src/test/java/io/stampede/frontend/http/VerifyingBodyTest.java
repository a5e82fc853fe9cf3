package io.stampede.frontend.http;

import io.stampede.common.checksum.ChecksumAlgorithm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.testing.Collected;
import io.stampede.frontend.testing.PiecesReadStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class VerifyingBodyTest {
  static final byte[] DATA = "hello, stamp".getBytes(StandardCharsets.UTF_8);

  @Test
  void passesMatchingDigestsAndCountsBytes() throws Exception {
    long[] counted = {0};
    VerifyingBody body = new VerifyingBody(PiecesReadStream.of(DATA, 5), DATA.length, n -> counted[0] += n)
        .require(VerifyingBody.md5(), MessageDigest.getInstance("MD5").digest(DATA), S3Error.BAD_DIGEST, "Content-MD5")
        .require(ChecksumAlgorithm.SHA256.newDigest(), MessageDigest.getInstance("SHA-256").digest(DATA),
            S3Error.X_AMZ_CONTENT_SHA256_MISMATCH, "x-amz-content-sha256");
    Collected out = Collected.drain(body);
    assertNull(out.failure);
    assertTrue(out.ended);
    assertArrayEquals(DATA, out.bytes.toByteArray());
    assertEquals(DATA.length, counted[0]);
  }

  @Test
  void failsInsteadOfEndingOnMismatchOrWrongLength() {
    assertFails(S3Error.X_AMZ_CONTENT_SHA256_MISMATCH, new VerifyingBody(PiecesReadStream.of(DATA, 3), DATA.length, n -> { })
        .require(ChecksumAlgorithm.SHA256.newDigest(), new byte[32], S3Error.X_AMZ_CONTENT_SHA256_MISMATCH, "sha"));
    assertFails(S3Error.BAD_DIGEST, new VerifyingBody(PiecesReadStream.of(DATA, 3), DATA.length, n -> { })
        .require(ChecksumAlgorithm.CRC32C.newDigest(), new byte[4], S3Error.BAD_DIGEST, "crc32c"));
    assertFails(S3Error.INCOMPLETE_BODY, new VerifyingBody(PiecesReadStream.of(DATA, 3), DATA.length + 1, n -> { }));
    assertFails(S3Error.INCOMPLETE_BODY, new VerifyingBody(PiecesReadStream.of(DATA, 3), DATA.length - 1, n -> { }));
  }

  private static void assertFails(S3Error expected, VerifyingBody body) {
    Collected out = Collected.drain(body);
    assertFalse(out.ended);
    assertEquals(expected, ((S3Exception) out.failure).error());
    assertEquals(out.failure, body.failure());
  }
}
