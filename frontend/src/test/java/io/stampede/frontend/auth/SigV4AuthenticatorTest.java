package io.stampede.frontend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.testing.SdkSigned;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** SigV4 against the AWS documentation's S3 examples and against the AWS SDK's signer. */
class SigV4AuthenticatorTest {
  static final String AK = "AKIAIOSFODNN7EXAMPLE";
  static final String SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final Instant DOC_TIME = Instant.parse("2013-05-24T00:00:00Z");
  static final Clock DOC_CLOCK = Clock.fixed(DOC_TIME, ZoneOffset.UTC);

  private final SigV4Authenticator docs =
      new SigV4Authenticator(Users.of(Map.of(AK, SK)), "us-east-1", Duration.ofMinutes(15), DOC_CLOCK);

  static MultiMap headers(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  static String auth(String signedHeaders, String signature) {
    return "AWS4-HMAC-SHA256 Credential=" + AK + "/20130524/us-east-1/s3/aws4_request,SignedHeaders="
        + signedHeaders + ",Signature=" + signature;
  }

  /** The AWS documentation's GET Object example, with {@code signature}. */
  static MultiMap docsGetObject(String signature) {
    return headers("Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
        "x-amz-content-sha256", SigV4.EMPTY_SHA256, "x-amz-date", "20130524T000000Z",
        "Authorization", auth("host;range;x-amz-content-sha256;x-amz-date", signature));
  }

  @Test
  void docsGetObject() {
    MultiMap h = docsGetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    Authentication a = docs.authenticate("GET", "/test.txt", null, h);
    assertEquals(AK, a.accessKey());
    assertEquals(PayloadMode.SHA256_HEX, a.payloadMode());
  }

  @Test
  void docsPutObjectEncodesDollarInPath() {
    MultiMap h = headers("Host", "examplebucket.s3.amazonaws.com", "Date", "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-date", "20130524T000000Z", "x-amz-storage-class", "REDUCED_REDUNDANCY",
        "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
        "Authorization", auth("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
    Authentication a = docs.authenticate("PUT", "/test%24file.text", null, h);
    assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", a.payloadSha256().get());
    // The same request with the '$' left raw canonicalizes identically.
    docs.authenticate("PUT", "/test$file.text", null, h);
  }

  @Test
  void docsGetBucketLifecycleAndListObjects() {
    MultiMap lifecycle = headers("Host", "examplebucket.s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
        "x-amz-content-sha256", SigV4.EMPTY_SHA256, "Authorization", auth("host;x-amz-content-sha256;x-amz-date",
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
    docs.authenticate("GET", "/", "lifecycle", lifecycle);
    MultiMap list = headers("Host", "examplebucket.s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
        "x-amz-content-sha256", SigV4.EMPTY_SHA256, "Authorization", auth("host;x-amz-content-sha256;x-amz-date",
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
    docs.authenticate("GET", "/", "prefix=J&max-keys=2", list);
  }

  @Test
  void docsStreamingSeedSignature() {
    MultiMap h = headers("Host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
        "x-amz-storage-class", "REDUCED_REDUNDANCY", "Content-Encoding", "aws-chunked",
        "Content-Length", "66824", "x-amz-decoded-content-length", "66560",
        "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "Authorization", auth("content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-decoded-content-length;x-amz-storage-class",
            "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
    Authentication a = docs.authenticate("PUT", "/examplebucket/chunkObject.txt", null, h);
    assertEquals(PayloadMode.STREAMING_SIGNED, a.payloadMode());
    ChunkSigner chain = a.chunkSigner().orElseThrow();
    byte[] full = new byte[65536];
    java.util.Arrays.fill(full, (byte) 'a');
    assertEquals("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        chain.nextChunk(SigV4.sha256(full)));
    assertEquals("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        chain.nextChunk(SigV4.sha256(java.util.Arrays.copyOf(full, 1024))));
    assertEquals("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
        chain.nextChunk(SigV4.sha256(new byte[0])));
  }

  @Test
  void refusesWrongSignatureUnknownKeyAnonymousAndSkew() {
    MultiMap h = docsGetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42");
    assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> docs.authenticate("GET", "/test.txt", null, h));
    assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> docs.authenticate("GET", "/test2.txt", null, h));
    SigV4Authenticator other = new SigV4Authenticator(Users.of(Map.of("someone", SK)), "us-east-1", Duration.ofMinutes(15),
        DOC_CLOCK);
    assertError(S3Error.INVALID_ACCESS_KEY_ID, () -> other.authenticate("GET", "/test.txt", null, h));
    assertError(S3Error.ACCESS_DENIED, () -> docs.authenticate("GET", "/test.txt", null, headers("Host", "x")));
    SigV4Authenticator later = new SigV4Authenticator(Users.of(Map.of(AK, SK)), "us-east-1", Duration.ofMinutes(15),
        Clock.fixed(DOC_TIME.plus(Duration.ofMinutes(16)), ZoneOffset.UTC));
    assertError(S3Error.REQUEST_TIME_TOO_SKEWED, () -> later.authenticate("GET", "/test.txt", null, h));
    SigV4Authenticator euWest = new SigV4Authenticator(Users.of(Map.of(AK, SK)), "eu-west-1", Duration.ofMinutes(15),
        DOC_CLOCK);
    assertError(S3Error.AUTHORIZATION_HEADER_MALFORMED, () -> euWest.authenticate("GET", "/test.txt", null, h));
  }

  @Test
  void acceptsWhatTheSdkSignerSignsForAwkwardKeys() {
    Clock now = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    SigV4Authenticator auth = new SigV4Authenticator(Users.of(Map.of("ak", "sk")), "us-east-1", Duration.ofMinutes(15), now);
    String[] keys = {"plain", "a%20b/c%2Bd", "sp%C3%A9cial/%21%2A%27%28%29", "x%3Dy%26z", "dots/./../x", "a//b"};
    for (String key : keys) {
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      SdkSigned s = SdkSigned.sign(SdkSigned.Mode.SHA256, SdkHttpMethod.PUT,
          "http://127.0.0.1:9000/bucket/" + key + "?x-id=PutObject", body, "ak", "sk", now);
      assertEquals("ak", auth.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers()).accessKey(), key);
      SdkSigned wrong = SdkSigned.sign(SdkSigned.Mode.UNSIGNED, SdkHttpMethod.GET,
          "http://127.0.0.1:9000/bucket/" + key + "?list-type=2&prefix=a%2Fb&max-keys=3", new byte[0], "ak", "nope",
          now);
      assertError(S3Error.SIGNATURE_DOES_NOT_MATCH,
          () -> auth.authenticate(wrong.method(), wrong.rawPath(), wrong.rawQuery(), wrong.headers()));
    }
  }

  @Test
  void presignedUrlsVerifyAndExpire() {
    Instant t = Instant.parse("2025-01-02T03:04:05Z");
    SdkSigned s = SdkSigned.sign(SdkSigned.Mode.PRESIGNED, SdkHttpMethod.GET,
        "http://127.0.0.1:9000/bucket/some%20key", new byte[0], "ak", "sk", Clock.fixed(t, ZoneOffset.UTC));
    assertTrue(s.rawQuery().contains("X-Amz-Signature="));
    SigV4Authenticator fresh = new SigV4Authenticator(Users.of(Map.of("ak", "sk")), "us-east-1", Duration.ofMinutes(15),
        Clock.fixed(t.plusSeconds(60), ZoneOffset.UTC));
    Authentication a = fresh.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers());
    assertEquals(PayloadMode.UNSIGNED, a.payloadMode());
    SigV4Authenticator late = new SigV4Authenticator(Users.of(Map.of("ak", "sk")), "us-east-1", Duration.ofMinutes(15),
        Clock.fixed(t.plusSeconds(301), ZoneOffset.UTC));
    assertError(S3Error.ACCESS_DENIED, () -> late.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers()));
    String tampered = s.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=600");
    assertError(S3Error.SIGNATURE_DOES_NOT_MATCH,
        () -> fresh.authenticate(s.method(), s.rawPath(), tampered, s.headers()));
  }

  @Test
  void presignedExpiryIsBoundedAndCheckedAgainstOurClock() {
    Instant t = Instant.parse("2025-01-02T03:04:05Z");
    SdkSigned s = SdkSigned.sign(SdkSigned.Mode.PRESIGNED, SdkHttpMethod.PUT,
        "http://127.0.0.1:9000/bucket/k", new byte[0], "ak", "sk", Clock.fixed(t, ZoneOffset.UTC));
    Users users = Users.of(Map.of("ak", "sk"));
    SigV4Authenticator lastSecond = new SigV4Authenticator(users, "us-east-1", Duration.ofMinutes(15),
        Clock.fixed(t.plusSeconds(300), ZoneOffset.UTC));
    assertEquals("ak", lastSecond.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers()).accessKey());
    SigV4Authenticator expired = new SigV4Authenticator(users, "us-east-1", Duration.ofMinutes(15),
        Clock.fixed(t.plusSeconds(301), ZoneOffset.UTC));
    S3Exception e = assertThrows(S3Exception.class,
        () -> expired.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers()));
    assertEquals(S3Error.ACCESS_DENIED, e.error());
    assertEquals("Request has expired", e.getMessage());
    SigV4Authenticator early = new SigV4Authenticator(users, "us-east-1", Duration.ofMinutes(15),
        Clock.fixed(t.minus(Duration.ofMinutes(16)), ZoneOffset.UTC));
    assertError(S3Error.ACCESS_DENIED, () -> early.authenticate(s.method(), s.rawPath(), s.rawQuery(), s.headers()));
    for (String bad : new String[] {"604801", "-1", "soon", ""}) {
      String q = s.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=" + bad);
      assertError(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          () -> lastSecond.authenticate(s.method(), s.rawPath(), q, s.headers()));
    }
    assertEquals(604800, PresignedQuery.expiresSeconds("604800"));
    assertEquals(0, PresignedQuery.expiresSeconds("0"));
    assertEquals("X-Amz-Expires must be non-negative",
        assertThrows(S3Exception.class, () -> PresignedQuery.expiresSeconds("-5")).getMessage());
    assertEquals("X-Amz-Expires should be a number",
        assertThrows(S3Exception.class, () -> PresignedQuery.expiresSeconds("1e3")).getMessage());
  }

  @Test
  void headerSignedRequestsSkewedBothWaysAreRefused() {
    MultiMap h = docsGetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    Users users = Users.of(Map.of(AK, SK));
    for (Duration offset : new Duration[] {Duration.ofMinutes(15), Duration.ofMinutes(-15)}) {
      SigV4Authenticator edge = new SigV4Authenticator(users, "us-east-1", Duration.ofMinutes(15),
          Clock.fixed(DOC_TIME.plus(offset), ZoneOffset.UTC));
      assertEquals(AK, edge.authenticate("GET", "/test.txt", null, h).accessKey());
      SigV4Authenticator past = new SigV4Authenticator(users, "us-east-1", Duration.ofMinutes(15),
          Clock.fixed(DOC_TIME.plus(offset).plus(offset.isNegative() ? Duration.ofSeconds(-1) : Duration.ofSeconds(1)),
              ZoneOffset.UTC));
      assertError(S3Error.REQUEST_TIME_TOO_SKEWED, () -> past.authenticate("GET", "/test.txt", null, h));
    }
  }

  static void assertError(S3Error expected, Runnable r) {
    S3Exception e = assertThrows(S3Exception.class, r::run);
    assertEquals(expected, e.error(), e.getMessage());
  }
}
