package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** CopyObject through the AWS SDK against a real stamp: metadata directives, conditions, errors. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CopyObjectIT {
  static final String SRC = "copy-src";
  static final String DST = "copy-dst";
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static MiniStamp stamp;
  static S3Client s3;

  @BeforeAll
  static void start() {
    stamp = STAMP.stamp();
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(SRC));
    s3.createBucket(b -> b.bucket(DST));
  }

  static String put(String key, String body) {
    return s3.putObject(b -> b.bucket(SRC).key(key).contentType("text/plain").cacheControl("max-age=60")
        .contentDisposition("inline").metadata(Map.of("color", "blue")), RequestBody.fromString(body)).eTag();
  }

  static CopyObjectResponse copy(String key, String toBucket, String toKey, Consumer<CopyObjectRequest.Builder> more) {
    return s3.copyObject(b -> {
      b.sourceBucket(SRC).sourceKey(key).destinationBucket(toBucket).destinationKey(toKey);
      more.accept(b);
    });
  }

  static ResponseBytes<GetObjectResponse> get(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
  }


  @Test
  void copyKeepsMetadataByDefault() {
    String etag = put("plain.txt", "copy me");
    CopyObjectResponse r = copy("plain.txt", SRC, "plain-copy.txt", b -> { });
    assertThat(r.copyObjectResult().eTag()).isEqualTo(etag);
    assertThat(r.copyObjectResult().lastModified()).isNotNull();
    ResponseBytes<GetObjectResponse> got = get(SRC, "plain-copy.txt");
    assertThat(got.asUtf8String()).isEqualTo("copy me");
    assertThat(got.response().eTag()).isEqualTo(etag);
    assertThat(got.response().contentType()).isEqualTo("text/plain");
    assertThat(got.response().cacheControl()).isEqualTo("max-age=60");
    assertThat(got.response().contentDisposition()).isEqualTo("inline");
    assertThat(got.response().metadata()).isEqualTo(Map.of("color", "blue"));
    // The request's own metadata is ignored under COPY.
    copy("plain.txt", SRC, "plain-copy2.txt", b -> b.metadataDirective(MetadataDirective.COPY).acl("private")
        .contentType("image/png").metadata(Map.of("color", "red")));
    HeadObjectResponse h = s3.headObject(b -> b.bucket(SRC).key("plain-copy2.txt"));
    assertThat(h.contentType()).isEqualTo("text/plain");
    assertThat(h.metadata()).isEqualTo(Map.of("color", "blue"));
  }

  @Test
  void copyAcrossBucketsWithOddKeys() {
    String key = "dir one/ünï+cøde%20 key?.txt";
    put(key, "odd key");
    copy(key, DST, "a//b/" + key, b -> { });
    assertThat(get(DST, "a//b/" + key).asUtf8String()).isEqualTo("odd key");
    assertThat(get(SRC, key).asUtf8String()).isEqualTo("odd key");
  }

  @Test
  void replaceTakesMetadataFromTheRequest() {
    put("replace.txt", "replace");
    copy("replace.txt", DST, "replaced.txt", b -> b.metadataDirective(MetadataDirective.REPLACE)
        .contentType("application/json").metadata(Map.of("shape", "round")).contentLanguage("fr"));
    HeadObjectResponse h = s3.headObject(b -> b.bucket(DST).key("replaced.txt"));
    assertThat(h.contentType()).isEqualTo("application/json");
    assertThat(h.metadata()).isEqualTo(Map.of("shape", "round"));
    assertThat(h.contentLanguage()).isEqualTo("fr");
    assertThat(h.cacheControl()).isNull();
  }

  @Test
  void copyOntoItselfNeedsReplace() {
    String etag = put("self.txt", "self");
    TestStamps.assertS3Error(400, "InvalidRequest", () -> copy("self.txt", SRC, "self.txt", b -> { }));
    copy("self.txt", SRC, "self.txt", b -> b.metadataDirective(MetadataDirective.REPLACE)
        .metadata(Map.of("color", "green")));
    HeadObjectResponse h = s3.headObject(b -> b.bucket(SRC).key("self.txt"));
    assertThat(h.metadata()).isEqualTo(Map.of("color", "green"));
    assertThat(h.eTag()).isEqualTo(etag);
    assertThat(get(SRC, "self.txt").asUtf8String()).isEqualTo("self");
  }

  @Test
  void missingSources() {
    TestStamps.assertS3Error(404, "NoSuchKey", () -> copy("missing", DST, "x", b -> { }));
    TestStamps.assertS3Error(404, "NoSuchBucket", () -> s3.copyObject(b -> b.sourceBucket("no-such-bucket").sourceKey("k")
        .destinationBucket(DST).destinationKey("x")));
    TestStamps.assertS3Error(404, "NoSuchBucket", () -> s3.copyObject(b -> b.sourceBucket(SRC).sourceKey("k")
        .destinationBucket("no-such-bucket").destinationKey("x")));
  }

  @Test
  void anotherUsersSourceIsAccessDenied() {
    put("private.txt", "mine");
    try (S3Client other = TestStamps.s3(stamp, "other", "other-secret")) {
      other.createBucket(b -> b.bucket("other-dst"));
      TestStamps.assertS3Error(403, "AccessDenied", () -> other.copyObject(b -> b.sourceBucket(SRC).sourceKey("private.txt")
          .destinationBucket("other-dst").destinationKey("stolen")));
    }
  }

  @Test
  @SuppressWarnings("deprecation")
  void badRequests() {
    put("bad.txt", "bad");
    TestStamps.assertS3Error(400, "InvalidArgument", () -> s3.copyObject(b -> b.copySource("just-a-bucket")
        .destinationBucket(DST).destinationKey("x")));
    TestStamps.assertS3Error(400, "InvalidArgument", () -> s3.copyObject(b -> b.copySource(SRC + "/bad.txt?versionId=")
        .destinationBucket(DST).destinationKey("x")));
    TestStamps.assertS3Error(400, "InvalidArgument", () -> copy("bad.txt", DST, "x",
        b -> b.overrideConfiguration(o -> o.putHeader("x-amz-copy-source-range", "bytes=0-1"))));
    TestStamps.assertS3Error(400, "InvalidArgument", () -> copy("bad.txt", DST, "x", b -> b.metadataDirective("MOVE")));
    TestStamps.assertS3Error(400, "InvalidArgument", () -> copy("bad.txt", DST, "x", b -> b.taggingDirective("MOVE")));
    // Replaced tags are checked as PutObject checks them (at most 10 per object).
    String elevenTags = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v")
        .collect(java.util.stream.Collectors.joining("&"));
    TestStamps.assertS3Error(400, "BadRequest", () -> copy("bad.txt", DST, "x",
        b -> b.taggingDirective("REPLACE").tagging(elevenTags)));
    TestStamps.assertS3Error(400, "KeyTooLongError", () -> copy("bad.txt", DST, "k".repeat(1025), b -> { }));
    TestStamps.assertS3Error(400, "InvalidRequest", () -> copy("bad.txt", DST, "x", b -> b.checksumAlgorithm("MD4")));
    TestStamps.assertS3Error(400, "InvalidArgument", () -> copy("bad.txt", DST, "x", b -> b.acl("no-such-acl")));
    assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(DST).key("x")));
  }

  @Test
  void copySourceConditions() {
    String etag = put("cond.txt", "conditional");
    Instant modified = s3.headObject(b -> b.bucket(SRC).key("cond.txt")).lastModified();
    Instant longAgo = Instant.parse("1994-10-29T19:43:31Z");
    copy("cond.txt", DST, "c1", b -> b.copySourceIfMatch(etag));
    copy("cond.txt", DST, "c2", b -> b.copySourceIfNoneMatch("\"ABCORZ\""));
    copy("cond.txt", DST, "c3", b -> b.copySourceIfModifiedSince(longAgo));
    copy("cond.txt", DST, "c4", b -> b.copySourceIfUnmodifiedSince(modified));
    TestStamps.assertS3Error(412, "PreconditionFailed", () -> copy("cond.txt", DST, "f", b -> b.copySourceIfMatch("\"ABCORZ\"")));
    TestStamps.assertS3Error(412, "PreconditionFailed", () -> copy("cond.txt", DST, "f", b -> b.copySourceIfNoneMatch(etag)));
    TestStamps.assertS3Error(412, "PreconditionFailed", () -> copy("cond.txt", DST, "f", b -> b.copySourceIfModifiedSince(modified)));
    TestStamps.assertS3Error(412, "PreconditionFailed", () -> copy("cond.txt", DST, "f", b -> b.copySourceIfUnmodifiedSince(longAgo)));
    // AWS precedence: if-match true + if-unmodified-since false copies; if-none-match false +
    // if-modified-since true is 412.
    copy("cond.txt", DST, "c5", b -> b.copySourceIfMatch(etag).copySourceIfUnmodifiedSince(longAgo));
    TestStamps.assertS3Error(412, "PreconditionFailed", () -> copy("cond.txt", DST, "f",
        b -> b.copySourceIfNoneMatch(etag).copySourceIfModifiedSince(longAgo)));
    assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(DST).key("f")));
    assertThat(get(DST, "c5").asUtf8String()).isEqualTo("conditional");
  }

  @Test
  void destinationConditions() {
    put("dest-cond.txt", "first");
    copy("dest-cond.txt", DST, "once", b -> b.overrideConfiguration(o -> o.putHeader("If-None-Match", "*")));
    TestStamps.assertS3Error(412, "PreconditionFailed", () -> copy("dest-cond.txt", DST, "once",
        b -> b.overrideConfiguration(o -> o.putHeader("If-None-Match", "*"))));
  }

  @Test
  void largeAndEmptyObjectsStream() throws Exception {
    byte[] data = new byte[20 * 1024 * 1024 + 3];
    new Random(4).nextBytes(data);
    String etag = s3.putObject(b -> b.bucket(SRC).key("large.bin"), RequestBody.fromBytes(data)).eTag();
    assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"");
    assertThat(copy("large.bin", DST, "large-copy.bin", b -> { }).copyObjectResult().eTag()).isEqualTo(etag);
    assertThat(get(DST, "large-copy.bin").asByteArray()).isEqualTo(data);

    s3.putObject(b -> b.bucket(SRC).key("empty"), RequestBody.empty());
    copy("empty", DST, "empty-copy", b -> { });
    assertThat(get(DST, "empty-copy").asByteArray()).isEmpty();
  }

  @Test
  void multipartSourceCopiesAsOneObject() throws Exception {
    byte[] data = new byte[(5 << 20) + 1234];
    new Random(5).nextBytes(data);
    String uploadId = s3.createMultipartUpload(b -> b.bucket(SRC).key("multi.bin")).uploadId();
    String e1 = s3.uploadPart(b -> b.bucket(SRC).key("multi.bin").uploadId(uploadId).partNumber(1),
        RequestBody.fromBytes(Arrays.copyOfRange(data, 0, 5 << 20))).eTag();
    String e2 = s3.uploadPart(b -> b.bucket(SRC).key("multi.bin").uploadId(uploadId).partNumber(2),
        RequestBody.fromBytes(Arrays.copyOfRange(data, 5 << 20, data.length))).eTag();
    s3.completeMultipartUpload(b -> b.bucket(SRC).key("multi.bin").uploadId(uploadId).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
    String etag = copy("multi.bin", DST, "multi-copy.bin", b -> { }).copyObjectResult().eTag();
    assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"");
    assertThat(get(DST, "multi-copy.bin").asByteArray()).isEqualTo(data);
  }

  @Test
  void copyOverwritesTheDestination() {
    put("over.txt", "new contents");
    s3.putObject(b -> b.bucket(DST).key("over.txt"), RequestBody.fromString("old", StandardCharsets.UTF_8));
    copy("over.txt", DST, "over.txt", b -> { });
    assertThat(get(DST, "over.txt").asUtf8String()).isEqualTo("new contents");
  }
}
