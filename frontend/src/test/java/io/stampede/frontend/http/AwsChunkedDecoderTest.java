package io.stampede.frontend.http;

import io.stampede.common.checksum.ChecksumAlgorithm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.auth.SigV4Authenticator;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.testing.Collected;
import io.stampede.frontend.testing.PiecesReadStream;
import io.stampede.frontend.testing.SdkSigned;
import io.stampede.frontend.testing.SdkSigned.Mode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** aws-chunked bodies as the AWS SDK's signer frames them, decoded under every kind of split. */
class AwsChunkedDecoderTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
  final SigV4Authenticator auth = new SigV4Authenticator(Users.of(Map.of("ak", "sk")), "us-east-1", Duration.ofMinutes(15), CLOCK);

  record Case(SdkSigned signed, Authentication auth, byte[] data) {}

  Case signed(Mode mode, byte[] data) {
    SdkSigned s = SdkSigned.sign(mode, SdkHttpMethod.PUT, "http://127.0.0.1:9000/b/k", data, "ak", "sk", CLOCK);
    return new Case(s, auth.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers()), data);
  }

  /** A fresh decoder: each needs its own signature chain, so authenticate again. */
  AwsChunkedDecoder decoder(Case c, ReadStream<Buffer> source) {
    SdkSigned s = c.signed();
    Authentication a = auth.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers());
    Optional<ChecksumAlgorithm> trailer = Optional.ofNullable(c.signed().headers().get("x-amz-trailer"))
        .flatMap(ChecksumAlgorithm::fromHeader);
    long length = Long.parseLong(c.signed().headers().get("x-amz-decoded-content-length"));
    return new AwsChunkedDecoder(source, a.chunkSigner(), trailer, length);
  }

  static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = "STREAMING.*", mode = EnumSource.Mode.MATCH_ANY)
  void decodesAtEverySplitPoint(Mode mode) {
    Case c = signed(mode, data(300));
    assertEquals(mode.name(), c.auth().payloadMode().name());
    byte[] framed = c.signed().body();
    for (int at = 0; at <= framed.length; at++) {
      Collected out = Collected.drain(decoder(c, PiecesReadStream.split(framed, at)));
      assertNull(out.failure, "split at " + at);
      assertTrue(out.ended);
      assertArrayEquals(c.data(), out.bytes.toByteArray(), "split at " + at);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = "STREAMING.*", mode = EnumSource.Mode.MATCH_ANY)
  void decodesManyChunksInPiecesOfAnySize(Mode mode) {
    Case c = signed(mode, data(300_000));
    for (int piece : new int[] {1, 7, 4096, 1 << 20}) {
      Collected out = Collected.drain(decoder(c, PiecesReadStream.of(c.signed().body(), piece)));
      assertNull(out.failure, "pieces of " + piece);
      assertArrayEquals(c.data(), out.bytes.toByteArray());
    }
  }

  @Test
  void badChunkSignatureFails() {
    Case c = signed(Mode.STREAMING_SIGNED, data(1000));
    String framed = new String(c.signed().body(), StandardCharsets.ISO_8859_1);
    int sig = framed.indexOf("chunk-signature=") + "chunk-signature=".length();
    byte[] bad = c.signed().body().clone();
    bad[sig] = (byte) (bad[sig] == 'a' ? 'b' : 'a');
    assertFails(S3Error.SIGNATURE_DOES_NOT_MATCH, decoder(c, PiecesReadStream.of(bad, 64)));
    byte[] flipped = c.signed().body().clone();
    flipped[framed.indexOf("\r\n") + 10] ^= 1;
    assertFails(S3Error.SIGNATURE_DOES_NOT_MATCH, decoder(c, PiecesReadStream.of(flipped, 64)));
  }

  @Test
  void badTrailerChecksumAndSignatureFail() {
    Case unsigned = signed(Mode.STREAMING_UNSIGNED_TRAILER, data(1000));
    byte[] flipped = unsigned.signed().body().clone();
    flipped[20] ^= 1;
    assertFails(S3Error.BAD_DIGEST, decoder(unsigned, PiecesReadStream.of(flipped, 100)));

    Case signed = signed(Mode.STREAMING_SIGNED_TRAILER, data(1000));
    String framed = new String(signed.signed().body(), StandardCharsets.ISO_8859_1);
    byte[] badSig = signed.signed().body().clone();
    int at = framed.indexOf("x-amz-trailer-signature:") + "x-amz-trailer-signature:".length();
    badSig[at] = (byte) (badSig[at] == 'a' ? 'b' : 'a');
    assertFails(S3Error.SIGNATURE_DOES_NOT_MATCH, decoder(signed, PiecesReadStream.of(badSig, 100)));
    String wrongCrc = framed.replaceFirst("x-amz-checksum-crc32:[^\r]+", "x-amz-checksum-crc32:AAAAAA==");
    assertFails(S3Error.SIGNATURE_DOES_NOT_MATCH,
        decoder(signed, PiecesReadStream.of(wrongCrc.getBytes(StandardCharsets.ISO_8859_1), 100)));
  }

  @Test
  void malformedFramingIsAClientError() {
    Case c = signed(Mode.STREAMING_UNSIGNED_TRAILER, data(10));
    String ok = new String(c.signed().body(), StandardCharsets.ISO_8859_1);
    String[] broken = {
      "zz\r\n" + ok.substring(ok.indexOf("\r\n") + 2),
      ok.replaceFirst("\r\n", "\n"),
      "fffffffffffffffffffff\r\n",
      ok.substring(0, ok.indexOf("\r\n") + 2) + "x".repeat(10) + "XX0\r\n\r\n",
      "1".repeat(5000),
      ok + "extra",
    };
    for (String b : broken) {
      assertFails(S3Error.INVALID_REQUEST, decoder(c, PiecesReadStream.of(b.getBytes(StandardCharsets.ISO_8859_1), 3)));
    }
    assertFails(S3Error.INCOMPLETE_BODY,
        decoder(c, PiecesReadStream.of(ok.substring(0, ok.length() - 4).getBytes(StandardCharsets.ISO_8859_1), 3)));
  }

  @Test
  void longerThanDeclaredFails() {
    Case c = signed(Mode.STREAMING_UNSIGNED_TRAILER, data(10));
    AwsChunkedDecoder d = new AwsChunkedDecoder(PiecesReadStream.of(c.signed().body(), 5), Optional.empty(),
        Optional.of(ChecksumAlgorithm.CRC32), 9);
    assertFails(S3Error.INCOMPLETE_BODY, d);
  }

  @Test
  void pausingTheConsumerPausesTheSource() {
    Case c = signed(Mode.STREAMING_SIGNED_TRAILER, data(200_000));
    PiecesReadStream source = PiecesReadStream.of(c.signed().body(), 1000);
    AwsChunkedDecoder d = decoder(c, source);
    List<Buffer> got = new ArrayList<>();
    boolean[] ended = {false};
    d.endHandler(v -> ended[0] = true);
    d.pause();
    d.handler(got::add);
    assertTrue(got.isEmpty());
    while (!ended[0]) {
      int before = got.size();
      d.fetch(1);
      assertTrue(got.size() <= before + 1);
    }
    assertArrayEquals(c.data(), Buffer.buffer().appendBytes(concat(got)).getBytes());
  }

  private static byte[] concat(List<Buffer> buffers) {
    Buffer all = Buffer.buffer();
    buffers.forEach(all::appendBuffer);
    return all.getBytes();
  }

  private static void assertFails(S3Error expected, ReadStream<Buffer> stream) {
    Collected out = Collected.drain(stream);
    assertNotNull(out.failure, "expected " + expected);
    assertFalse(out.ended);
    S3Exception e = assertInstanceOf(S3Exception.class, out.failure);
    assertEquals(expected, e.error(), e.getMessage());
  }
}
