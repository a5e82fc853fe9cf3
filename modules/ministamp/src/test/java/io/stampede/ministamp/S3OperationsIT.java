package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Every S3 operation of the vertical slice, through the real AWS SDK, against a real stamp. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class S3OperationsIT {
  @TempDir static Path dir;
  static MiniStamp stamp;
  static S3Client s3;

  @BeforeAll
  static void start() {
    stamp = MiniStamp.start(TestStamps.config(dir));
    s3 = TestStamps.s3(stamp);
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (stamp != null) {
      stamp.close();
    }
  }

  static S3Exception s3Error(Runnable call) {
    return assertThrows(S3Exception.class, call::run);
  }

  static void assertError(int status, String code, Runnable call) {
    S3Exception e = s3Error(call);
    assertEquals(status, e.statusCode(), () -> "status of " + e.awsErrorDetails());
    assertEquals(code, e.awsErrorDetails().errorCode());
    assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "request id");
  }

  static String md5Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  @Test
  void bucketLifecycle() {
    s3.createBucket(b -> b.bucket("life"));
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("life");
    s3.headBucket(b -> b.bucket("life"));
    assertEquals("", s3.getBucketLocation(b -> b.bucket("life")).locationConstraintAsString());
    assertError(409, "BucketAlreadyOwnedByYou", () -> s3.createBucket(b -> b.bucket("life")));
    s3.putObject(b -> b.bucket("life").key("k"), RequestBody.fromString("x"));
    assertError(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket("life")));
    s3.deleteObject(b -> b.bucket("life").key("k"));
    s3.deleteBucket(b -> b.bucket("life"));
    assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("life")));
    assertError(404, "NoSuchBucket", () -> s3.deleteBucket(b -> b.bucket("life")));
    assertError(404, "NoSuchBucket", () -> s3.putObject(b -> b.bucket("life").key("k"), RequestBody.fromString("x")));
    assertError(404, "NoSuchBucket", () -> s3.listObjectsV2(b -> b.bucket("life")));
  }

  @Test
  void bucketNamesAreGlobal() {
    s3.createBucket(b -> b.bucket("global-name"));
    try (S3Client other = otherUser()) {
      assertError(409, "BucketAlreadyExists", () -> other.createBucket(b -> b.bucket("global-name")));
      assertError(403, "AccessDenied", () -> other.listObjectsV2(b -> b.bucket("global-name")));
      assertThat(other.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("global-name");
    }
  }

  private static S3Client otherUser() {
    return TestStamps.s3(stamp, "other", "other-secret");
  }

  @Test
  void invalidBucketNames() {
    int checkedByStamp = 0;
    for (String name : List.of("ab", "UPPER", "has_underscore", "-dash", "dots..dots", "192.168.1.1",
        "xn--punycode", "ends-s3alias", "a".repeat(64))) {
      try {
        s3.createBucket(b -> b.bucket(name));
        throw new AssertionError("created invalid bucket " + name);
      } catch (IllegalArgumentException refusedBySdk) {
        continue; // the SDK validates some names itself and never sends them
      } catch (S3Exception e) {
        assertEquals(400, e.statusCode(), name);
        assertEquals("InvalidBucketName", e.awsErrorDetails().errorCode(), name);
        checkedByStamp++;
        System.out.println("InvalidBucketName from the stamp for " + name);
      }
    }
    // The rest are covered by the front-end's BucketNamesTest.
    assertThat(checkedByStamp).isGreaterThanOrEqualTo(2);
  }

  @Test
  void putGetHeadWithMetadata() throws Exception {
    s3.createBucket(b -> b.bucket("meta"));
    byte[] data = "hello, stamp".getBytes(StandardCharsets.UTF_8);
    String etag = s3.putObject(b -> b.bucket("meta").key("a/b.txt")
            .contentType("text/plain").cacheControl("max-age=60").contentDisposition("inline")
            .contentEncoding("identity").metadata(Map.of("color", "blue", "Shape", "round")),
        RequestBody.fromBytes(data)).eTag();
    assertEquals("\"" + md5Hex(data) + "\"", etag);

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("meta").key("a/b.txt"));
    assertArrayEquals(data, got.asByteArray());
    GetObjectResponse r = got.response();
    assertEquals(etag, r.eTag());
    assertEquals("text/plain", r.contentType());
    assertEquals("max-age=60", r.cacheControl());
    assertEquals("inline", r.contentDisposition());
    assertEquals("identity", r.contentEncoding());
    assertEquals(Map.of("color", "blue", "shape", "round"), r.metadata());
    assertEquals(data.length, r.contentLength());
    assertTrue(r.lastModified() != null);

    HeadObjectResponse h = s3.headObject(b -> b.bucket("meta").key("a/b.txt"));
    assertEquals(etag, h.eTag());
    assertEquals(data.length, h.contentLength());
    assertEquals("blue", h.metadata().get("color"));
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("meta").key("missing")));
    assertError(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket("meta").key("missing")));
  }

  @Test
  void emptyObjectAndDefaults() throws Exception {
    s3.createBucket(b -> b.bucket("empty"));
    s3.putObject(b -> b.bucket("empty").key("zero"), RequestBody.empty());
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("empty").key("zero"));
    assertEquals(0, got.asByteArray().length);
    assertEquals("\"" + md5Hex(new byte[0]) + "\"", got.response().eTag());
  }

  @Test
  void ranges() {
    s3.createBucket(b -> b.bucket("ranges"));
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    s3.putObject(b -> b.bucket("ranges").key("r"), RequestBody.fromBytes(data));
    check(data, "bytes=0-9", 0, 9);
    check(data, "bytes=1048570-2097160", 1048570, 2097160);
    check(data, "bytes=-5", data.length - 5, data.length - 1);
    check(data, "bytes=3145700-", 3145700, data.length - 1);
    check(data, "bytes=100-99999999", 100, data.length - 1);
    assertError(416, "InvalidRange", () -> s3.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=99999999-")));
  }

  private static void check(byte[] data, String range, int first, int last) {
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("ranges").key("r").range(range));
    byte[] expected = java.util.Arrays.copyOfRange(data, first, last + 1);
    assertArrayEquals(expected, got.asByteArray(), range);
    assertEquals("bytes " + first + "-" + last + "/" + data.length, got.response().contentRange());
  }

  @Test
  void strongConsistency() {
    s3.createBucket(b -> b.bucket("consistent"));
    for (int i = 0; i < 20; i++) {
      String v = "version-" + i;
      s3.putObject(b -> b.bucket("consistent").key("k"), RequestBody.fromString(v));
      assertEquals(v, s3.getObjectAsBytes(b -> b.bucket("consistent").key("k")).asUtf8String());
      assertThat(s3.listObjectsV2(b -> b.bucket("consistent")).contents()).extracting(S3Object::key).containsExactly("k");
    }
    s3.deleteObject(b -> b.bucket("consistent").key("k"));
    assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket("consistent").key("k")));
    assertEquals(0, s3.listObjectsV2(b -> b.bucket("consistent")).keyCount());
    s3.deleteObject(b -> b.bucket("consistent").key("never-existed"));
  }

  @Test
  void listingWithDelimitersAndPages() {
    s3.createBucket(b -> b.bucket("listing"));
    List<String> keys = List.of("a.txt", "dir/1", "dir/2", "dir/sub/3", "e f+g%h", "logs/2024/x", "logs/2025/y",
        "unicode/\u00e9t\u00e9", "zz//double", "zz/trailing/");
    for (String k : keys) {
      s3.putObject(b -> b.bucket("listing").key(k), RequestBody.fromString(k));
    }
    ListObjectsV2Response all = s3.listObjectsV2(b -> b.bucket("listing"));
    assertThat(all.contents()).extracting(S3Object::key).containsExactlyElementsOf(keys);
    assertEquals(keys.size(), all.keyCount());

    ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket("listing").delimiter("/"));
    assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt", "e f+g%h");
    assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/", "logs/", "unicode/", "zz/");

    ListObjectsV2Response logs = s3.listObjectsV2(b -> b.bucket("listing").prefix("logs/").delimiter("/"));
    assertThat(logs.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("logs/2024/", "logs/2025/");

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("listing").maxKeys(3).continuationToken(t));
      page.contents().forEach(o -> paged.add(o.key()));
      token = page.nextContinuationToken();
      pages++;
      assertEquals(token != null, page.isTruncated());
    } while (token != null);
    assertEquals(keys, paged);
    assertEquals(4, pages);

    ListObjectsV2Response after = s3.listObjectsV2(b -> b.bucket("listing").startAfter("logs/2025/y"));
    assertThat(after.contents()).extracting(S3Object::key).containsExactly("unicode/\u00e9t\u00e9", "zz//double", "zz/trailing/");

    ListObjectsResponse v1 = s3.listObjects(b -> b.bucket("listing").delimiter("/").maxKeys(2));
    assertTrue(v1.isTruncated());
    assertThat(v1.contents()).extracting(S3Object::key).containsExactly("a.txt");
    assertThat(v1.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/");
    assertEquals("dir/", v1.nextMarker());
    ListObjectsResponse v1next = s3.listObjects(b -> b.bucket("listing").delimiter("/").marker("dir/"));
    assertThat(v1next.contents()).extracting(S3Object::key).containsExactly("e f+g%h");
    assertThat(v1next.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("logs/", "unicode/", "zz/");

    // The SDK asks for encoding-type=url by default and decodes; ask explicitly for good measure.
    ListObjectsV2Response encoded = s3.listObjectsV2(b -> b.bucket("listing").prefix("e f").encodingType(EncodingType.URL));
    assertThat(encoded.contents()).extracting(S3Object::key).containsExactly("e f+g%h");

    assertEquals(0, s3.listObjectsV2(b -> b.bucket("listing").maxKeys(0)).keyCount());
  }

  @Test
  void listingAcrossManyKeysAndRanges() {
    // Buckets whose names straddle the initial range boundaries exercise the routing client.
    for (String bucket : List.of("alpha-list", "hotel-list", "papa-list", "zulu-list")) {
      s3.createBucket(b -> b.bucket(bucket));
      for (int i = 0; i < 25; i++) {
        String key = String.format("k%03d", i);
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(bucket + key));
      }
      List<String> seen = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(7)).contents().forEach(o -> seen.add(o.key()));
      assertEquals(25, seen.size(), bucket);
      assertEquals(bucket + "k024", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k024")).asUtf8String());
    }
  }

  @Test
  void errorCases() {
    s3.createBucket(b -> b.bucket("errors"));
    String longKey = "k".repeat(1025);
    assertError(400, "KeyTooLongError", () -> s3.putObject(b -> b.bucket("errors").key(longKey), RequestBody.fromString("x")));
    assertError(400, "BadDigest", () -> s3.putObject(
        b -> b.bucket("errors").key("md5").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromString("not empty")));
    assertError(400, "InvalidDigest", () -> s3.putObject(
        b -> b.bucket("errors").key("md5").contentMD5("not-base64!"), RequestBody.fromString("x")));
    assertError(400, "BadDigest", () -> s3.putObject(
        b -> b.bucket("errors").key("crc").checksumCRC32("AAAAAA=="), RequestBody.fromString("payload")));
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("errors").key("md5")));
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("errors").key("crc")));
  }

  @Test
  void badCredentialsAreRefused() {
    s3.createBucket(b -> b.bucket("guarded"));
    try (S3Client wrongSecret = TestStamps.s3(stamp, StampConfig.DEFAULT_ACCESS_KEY, "wrong")) {
      assertError(403, "SignatureDoesNotMatch", () -> wrongSecret.listBuckets());
      assertError(403, "SignatureDoesNotMatch",
          () -> wrongSecret.putObject(b -> b.bucket("guarded").key("x"), RequestBody.fromString("x")));
    }
    try (S3Client unknown = TestStamps.s3(stamp, "nobody", "whatever")) {
      assertError(403, "InvalidAccessKeyId", () -> unknown.listBuckets());
    }
    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("guarded").key("x")));
  }

  @Test
  void everyPayloadSigningModeTheSdkUses() throws Exception {
    s3.createBucket(b -> b.bucket("modes"));
    byte[] data = new byte[300_000];
    new java.util.Random(1).nextBytes(data);
    try (S3Client whenRequired = S3Client.builder()
        .endpointOverride(java.net.URI.create("http://" + stamp.s3Endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .build()) {
      whenRequired.putObject(b -> b.bucket("modes").key("signed-chunks"), RequestBody.fromBytes(data));
    }
    s3.putObject(b -> b.bucket("modes").key("trailer"), RequestBody.fromBytes(data));
    for (String key : List.of("signed-chunks", "trailer")) {
      ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("modes").key(key));
      assertArrayEquals(data, got.asByteArray(), key);
      assertEquals("\"" + md5Hex(data) + "\"", got.response().eTag(), key);
    }
  }
}
