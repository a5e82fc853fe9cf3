package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** GetObject and HeadObject with If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConditionalReadIT {
  static final String BUCKET = "conditional";
  static final String KEY = "doc.txt";
  static final String BODY = "conditional body";
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static MiniStamp stamp;
  static S3Client s3;
  static String etag;
  static Instant modified;

  @BeforeAll
  static void start() {
    stamp = STAMP.stamp();
    s3 = STAMP.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
    etag = s3.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromString(BODY)).eTag();
    modified = s3.headObject(b -> b.bucket(BUCKET).key(KEY)).lastModified();
  }

  static ResponseBytes<GetObjectResponse> get(Consumer<GetObjectRequest.Builder> conditions) {
    return s3.getObjectAsBytes(b -> {
      b.bucket(BUCKET).key(KEY);
      conditions.accept(b);
    });
  }

  static HeadObjectResponse head(Consumer<HeadObjectRequest.Builder> conditions) {
    return s3.headObject(b -> {
      b.bucket(BUCKET).key(KEY);
      conditions.accept(b);
    });
  }

  static S3Exception failure(int status, Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertThat(e.statusCode()).as(e.toString()).isEqualTo(status);
    return e;
  }

  static void preconditionFailed(Consumer<GetObjectRequest.Builder> conditions) {
    TestStamps.assertS3Error(412, "PreconditionFailed", () -> get(conditions));
  }

  static void notModified(Consumer<GetObjectRequest.Builder> conditions) {
    S3Exception e = failure(304, () -> get(conditions));
    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag")).contains(etag);
    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Last-Modified")).isPresent();
  }

  @Test
  void ifMatch() {
    assertThat(get(b -> b.ifMatch(etag)).asUtf8String()).isEqualTo(BODY);
    assertThat(get(b -> b.ifMatch(etag.replace("\"", ""))).asUtf8String()).isEqualTo(BODY);
    assertThat(get(b -> b.ifMatch("\"other\", " + etag)).asUtf8String()).isEqualTo(BODY);
    assertThat(get(b -> b.ifMatch("*")).asUtf8String()).isEqualTo(BODY);
    preconditionFailed(b -> b.ifMatch("\"ABCORZ\""));
  }

  @Test
  void ifNoneMatch() {
    notModified(b -> b.ifNoneMatch(etag));
    notModified(b -> b.ifNoneMatch("*"));
    assertThat(get(b -> b.ifNoneMatch("\"ABCORZ\"")).asUtf8String()).isEqualTo(BODY);
  }

  @Test
  void ifModifiedSince() {
    assertThat(get(b -> b.ifModifiedSince(Instant.parse("1994-10-29T19:43:31Z"))).asUtf8String()).isEqualTo(BODY);
    notModified(b -> b.ifModifiedSince(modified));
    // A date in the future, or one that does not parse, is ignored.
    assertThat(get(b -> b.ifModifiedSince(Instant.now().plus(Duration.ofDays(1)))).asUtf8String()).isEqualTo(BODY);
    assertThat(get(b -> b.overrideConfiguration(o -> o.putHeader("If-Modified-Since", "not a date")))
        .asUtf8String()).isEqualTo(BODY);
  }

  @Test
  void ifUnmodifiedSince() {
    preconditionFailed(b -> b.ifUnmodifiedSince(Instant.parse("1994-10-29T19:43:31Z")));
    assertThat(get(b -> b.ifUnmodifiedSince(Instant.parse("2100-10-29T19:43:31Z"))).asUtf8String()).isEqualTo(BODY);
    assertThat(get(b -> b.ifUnmodifiedSince(modified)).asUtf8String()).isEqualTo(BODY);
    assertThat(get(b -> b.overrideConfiguration(o -> o.putHeader("If-Unmodified-Since", "2020-01-01")))
        .asUtf8String()).isEqualTo(BODY);
  }

  @Test
  void awsPrecedence() {
    // If-Match true and If-Unmodified-Since false: 200.
    assertThat(get(b -> b.ifMatch(etag).ifUnmodifiedSince(modified.minus(Duration.ofDays(1)))).asUtf8String())
        .isEqualTo(BODY);
    // If-None-Match false and If-Modified-Since true: 304.
    notModified(b -> b.ifNoneMatch(etag).ifModifiedSince(modified.minus(Duration.ofDays(1))));
    // 412 wins over 304.
    preconditionFailed(b -> b.ifMatch("\"ABCORZ\"").ifNoneMatch(etag));
  }

  @Test
  void conditionsWithRange() {
    ResponseBytes<GetObjectResponse> got = get(b -> b.ifMatch(etag).range("bytes=0-10"));
    assertThat(got.asUtf8String()).isEqualTo(BODY.substring(0, 11));
    assertThat(got.response().contentRange()).isEqualTo("bytes 0-10/" + BODY.length());
    notModified(b -> b.ifNoneMatch(etag).range("bytes=0-10"));
  }

  @Test
  void headObjectConditions() {
    assertThat(head(b -> b.ifMatch(etag)).eTag()).isEqualTo(etag);
    assertThat(head(b -> b.ifNoneMatch("\"ABCORZ\"")).contentLength()).isEqualTo(BODY.length());
    S3Exception notModified = failure(304, () -> head(b -> b.ifNoneMatch(etag)));
    assertThat(notModified.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag")).contains(etag);
    failure(304, () -> head(b -> b.ifModifiedSince(modified)));
    failure(412, () -> head(b -> b.ifMatch("\"ABCORZ\"")));
    failure(412, () -> head(b -> b.ifUnmodifiedSince(Instant.parse("1994-10-29T19:43:31Z"))));
    assertThat(head(b -> b.ifMatch(etag).ifUnmodifiedSince(modified.minus(Duration.ofDays(1)))).eTag())
        .isEqualTo(etag);
  }

  @Test
  void conditionsOnAMissingKeyAreNoSuchKey() {
    TestStamps.assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("missing").ifMatch(etag)));
  }

  @Test
  void connectionStaysUsableAfterNotModified() {
    for (int i = 0; i < 5; i++) {
      notModified(b -> b.ifNoneMatch(etag));
      assertThat(get(b -> { }).asUtf8String()).isEqualTo(BODY);
    }
  }
}
