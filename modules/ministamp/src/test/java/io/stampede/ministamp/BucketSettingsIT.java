package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.awaitility.Awaitility.await;

import io.stampede.frontend.lifecycle.LifecycleRunnerConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.MFADelete;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Bucket sub-resources kept with the bucket in the location service (versioning, tagging, CORS,
 * lifecycle), through the AWS SDK with default settings against a whole stamp; requests the SDK
 * will not make go raw.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BucketSettingsIT {
  /** Lifecycle days of two seconds, checked every half second. */
  @RegisterExtension
  static final SharedStamp STAMP = new SharedStamp(c -> c.withLifecycle(
      LifecycleRunnerConfig.defaults().withTiming(Duration.ofMillis(500), Duration.ofSeconds(2))));
  static S3Client s3;
  static S3Client other;
  static RawS3 raw;

  @BeforeAll
  static void clients() {
    s3 = STAMP.s3();
    other = TestStamps.s3(STAMP.stamp(), "other", "other-secret");
    raw = new RawS3(STAMP.stamp());
  }

  @AfterAll
  static void closeClients() {
    if (other != null) {
      other.close();
    }
  }

  static void assertError(int status, String code, Runnable call) {
    TestStamps.assertS3Error(status, code, call);
  }

  static void assertRawError(int status, String code, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response::body);
    assertEquals(code, RawS3.errorCode(response), response::body);
  }

  static String bucket(String name) {
    s3.createBucket(b -> b.bucket(name));
    return name;
  }

  @Test
  void versioningStartsEmptyThenEnabledOrSuspended() {
    String b = bucket("versioned");
    GetBucketVersioningResponse fresh = s3.getBucketVersioning(r -> r.bucket(b));
    assertThat(fresh.status()).isNull();
    assertThat(fresh.mfaDelete()).isNull();

    s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(r -> r.bucket(b)).status());
    s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(
        c -> c.status(BucketVersioningStatus.SUSPENDED).mfaDelete(MFADelete.DISABLED)));
    assertEquals(BucketVersioningStatus.SUSPENDED, s3.getBucketVersioning(r -> r.bucket(b)).status());

    assertError(501, "NotImplemented", () -> s3.putBucketVersioning(r -> r.bucket(b)
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED).mfaDelete(MFADelete.ENABLED))));
    assertRawError(400, "MalformedXML", raw.signed("PUT", "/" + b + "?versioning",
        "<VersioningConfiguration><Status>Bad</Status></VersioningConfiguration>"));
    assertRawError(400, "MalformedXML", raw.signed("PUT", "/" + b + "?versioning", "<VersioningConfiguration>"));
    assertEquals(BucketVersioningStatus.SUSPENDED, s3.getBucketVersioning(r -> r.bucket(b)).status());

    assertError(403, "AccessDenied", () -> other.getBucketVersioning(r -> r.bucket(b)));
    assertError(403, "AccessDenied", () -> other.putBucketVersioning(r -> r.bucket(b)
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED))));
    assertError(404, "NoSuchBucket", () -> s3.getBucketVersioning(r -> r.bucket("no-such-bucket-v")));
  }

  @Test
  void bucketTagsPutGetDelete() {
    String b = bucket("tagged");
    assertError(404, "NoSuchTagSet", () -> s3.getBucketTagging(r -> r.bucket(b)));
    List<Tag> tags = List.of(Tag.builder().key("team").value("blue").build(),
        Tag.builder().key("cost center").value("").build());
    s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(tags)));
    assertEquals(tags, s3.getBucketTagging(r -> r.bucket(b)).tagSet());

    List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
    assertError(400, "BadRequest", () -> s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(fiftyOne))));
    assertError(400, "InvalidTag", () -> s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(
        Tag.builder().key("a").value("1").build(), Tag.builder().key("a").value("2").build()))));
    assertError(400, "InvalidTag", () -> s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(
        Tag.builder().key("aws:createdBy").value("me").build()))));
    assertError(400, "InvalidTag", () -> s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(
        Tag.builder().key("k".repeat(129)).value("").build()))));
    assertError(400, "InvalidTag", () -> s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(
        Tag.builder().key("k").value("v".repeat(257)).build()))));
    assertRawError(400, "MalformedXML", raw.signed("PUT", "/" + b + "?tagging", "<Tagging><TagSet><Tag>"));
    assertEquals(tags, s3.getBucketTagging(r -> r.bucket(b)).tagSet());

    assertError(403, "AccessDenied", () -> other.deleteBucketTagging(r -> r.bucket(b)));
    s3.deleteBucketTagging(r -> r.bucket(b));
    assertError(404, "NoSuchTagSet", () -> s3.getBucketTagging(r -> r.bucket(b)));
    s3.deleteBucketTagging(r -> r.bucket(b));
  }

  @Test
  void settingsSurviveTheBucketsOtherChanges() {
    String b = bucket("combined");
    s3.putBucketTagging(r -> r.bucket(b).tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
    s3.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    assertEquals(1, s3.getBucketTagging(r -> r.bucket(b)).tagSet().size());
    assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(r -> r.bucket(b)).status());
  }

  @Test
  void corsConfigurationPutGetDeleteAndValidated() {
    String b = bucket("cors-config");
    assertError(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(r -> r.bucket(b)));
    CORSRule site = CORSRule.builder().id("site").allowedMethods("GET", "PUT").allowedOrigins("https://*.example.com")
        .allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(600).build();
    CORSRule any = CORSRule.builder().allowedMethods("GET").allowedOrigins("*").build();
    s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(site, any)));
    assertEquals(List.of(site, any), s3.getBucketCors(r -> r.bucket(b)).corsRules());

    assertError(400, "InvalidRequest", () -> s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("PATCH").allowedOrigins("*").build()))));
    assertError(400, "InvalidRequest", () -> s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("GET").allowedOrigins("http://*.*.com").build()))));
    assertError(400, "MalformedXML", () -> s3.putBucketCors(r -> r.bucket(b).corsConfiguration(
        c -> c.corsRules(Collections.nCopies(101, any)))));
    assertError(400, "MalformedXML", () -> s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("GET").build()))));
    assertRawError(400, "MalformedXML", raw.signed("PUT", "/" + b + "?cors", "<CORSConfiguration/>"));
    assertEquals(List.of(site, any), s3.getBucketCors(r -> r.bucket(b)).corsRules());

    assertError(403, "AccessDenied", () -> other.getBucketCors(r -> r.bucket(b)));
    s3.deleteBucketCors(r -> r.bucket(b));
    assertError(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(r -> r.bucket(b)));
  }

  @Test
  void preflightIsAnsweredFromTheRulesWithoutCredentials() {
    String b = bucket("cors-preflight");
    assertRawError(403, "AccessForbidden", raw.anonymous("OPTIONS", "/" + b + "/k",
        "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET"));
    s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("GET", "PUT").allowedOrigins("https://*.example.com")
            .allowedHeaders("x-amz-*", "content-type").exposeHeaders("ETag").maxAgeSeconds(600).build(),
        CORSRule.builder().allowedMethods("GET").allowedOrigins("*").build())));

    HttpResponse<String> ok = raw.anonymous("OPTIONS", "/" + b + "/some/key", "Origin", "https://app.example.com",
        "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "Content-Type, X-Amz-Date");
    assertEquals(200, ok.statusCode(), ok::body);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
    assertThat(ok.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, PUT");
    assertThat(ok.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type, x-amz-date");
    assertThat(ok.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");
    assertThat(ok.headers().firstValue("Access-Control-Max-Age")).contains("600");
    assertThat(ok.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(ok.headers().firstValue("Vary")).isPresent();

    HttpResponse<String> wildcard = raw.anonymous("OPTIONS", "/" + b, "Origin", "https://other.org",
        "Access-Control-Request-Method", "GET");
    assertEquals(200, wildcard.statusCode(), wildcard::body);
    assertThat(wildcard.headers().firstValue("Access-Control-Allow-Origin")).contains("*");

    assertRawError(403, "AccessForbidden", raw.anonymous("OPTIONS", "/" + b, "Origin", "https://other.org",
        "Access-Control-Request-Method", "PUT"));
    assertRawError(403, "AccessForbidden", raw.anonymous("OPTIONS", "/" + b, "Origin", "https://app.example.com",
        "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization"));
    assertRawError(400, "BadRequest", raw.anonymous("OPTIONS", "/" + b, "Access-Control-Request-Method", "GET"));
    assertRawError(400, "BadRequest", raw.anonymous("OPTIONS", "/" + b, "Origin", "https://app.example.com"));
    assertRawError(400, "BadRequest", raw.anonymous("OPTIONS", "/" + b, "Origin", "https://app.example.com",
        "Access-Control-Request-Method", "PATCH"));
    assertRawError(404, "NoSuchBucket", raw.anonymous("OPTIONS", "/no-such-bucket-cors",
        "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET"));
  }

  @Test
  void actualRequestsWithAnOriginGetTheMatchingRulesHeaders() {
    String b = bucket("cors-actual");
    s3.putObject(r -> r.bucket(b).key("k"), software.amazon.awssdk.core.sync.RequestBody.fromString("hello"));
    String origin = "https://app.example.com";
    assertThat(s3.headObject(r -> r.bucket(b).key("k").overrideConfiguration(o -> o.putHeader("Origin", origin)))
        .sdkHttpResponse().firstMatchingHeader("Access-Control-Allow-Origin")).isEmpty();
    s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedMethods("GET", "HEAD").allowedOrigins("https://*.example.com")
            .exposeHeaders("ETag").build())));

    var head = s3.headObject(r -> r.bucket(b).key("k").overrideConfiguration(o -> o.putHeader("Origin", origin)))
        .sdkHttpResponse();
    assertThat(head.firstMatchingHeader("Access-Control-Allow-Origin")).contains(origin);
    assertThat(head.firstMatchingHeader("Access-Control-Allow-Methods")).contains("GET, HEAD");
    assertThat(head.firstMatchingHeader("Access-Control-Expose-Headers")).contains("ETag");
    assertThat(head.firstMatchingHeader("Vary")).isPresent();
    assertThat(s3.headObject(r -> r.bucket(b).key("k")).sdkHttpResponse()
        .firstMatchingHeader("Access-Control-Allow-Origin")).isEmpty();
    assertThat(s3.deleteObject(r -> r.bucket(b).key("k").overrideConfiguration(o -> o.putHeader("Origin", origin)))
        .sdkHttpResponse().firstMatchingHeader("Access-Control-Allow-Origin")).isEmpty();

    S3Exception missing = assertThrows(S3Exception.class, () -> s3.getObject(r -> r.bucket(b).key("missing")
        .overrideConfiguration(o -> o.putHeader("Origin", origin)), (resp, in) -> null));
    assertEquals(404, missing.statusCode());
    assertThat(missing.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Access-Control-Allow-Origin"))
        .contains(origin);
  }

  @Test
  void lifecycleConfigurationPutGetDeleteAndValidated() {
    String b = bucket("lifecycle-config");
    assertError(404, "NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(b)));
    LifecycleRule logs = LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED)
        .filter(f -> f.prefix("logs/")).expiration(e -> e.days(30))
        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7)).build();
    LifecycleRule tmp = LifecycleRule.builder().id("tmp").status(ExpirationStatus.DISABLED)
        .filter(f -> f.and(a -> a.prefix("tmp/").tags(Tag.builder().key("temp").value("yes").build())))
        .expiration(e -> e.date(java.time.Instant.parse("2031-01-01T00:00:00Z")))
        .noncurrentVersionExpiration(n -> n.noncurrentDays(3)).build();
    s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(logs, tmp)));
    assertEquals(List.of(logs, tmp), s3.getBucketLifecycleConfiguration(r -> r.bucket(b)).rules());

    LifecycleRule noId = LifecycleRule.builder().status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
        .expiration(e -> e.days(1)).build();
    s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(noId)));
    assertThat(s3.getBucketLifecycleConfiguration(r -> r.bucket(b)).rules().get(0).id()).isNotEmpty();

    assertError(400, "InvalidArgument", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b)
        .lifecycleConfiguration(c -> c.rules(logs.toBuilder().expiration(e -> e.days(0)).build()))));
    assertError(400, "InvalidArgument", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b)
        .lifecycleConfiguration(c -> c.rules(logs, logs))));
    assertError(400, "InvalidArgument", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b)
        .lifecycleConfiguration(c -> c.rules(logs.toBuilder().id("i".repeat(256)).build()))));
    assertError(400, "InvalidArgument", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b)
        .lifecycleConfiguration(c -> c.rules(logs.toBuilder()
            .expiration(e -> e.date(java.time.Instant.parse("2031-01-01T10:00:00Z"))).build()))));
    assertError(400, "MalformedXML", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b)
        .lifecycleConfiguration(c -> c.rules(logs.toBuilder().status("enabled").build()))));
    assertError(400, "InvalidRequest", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(b)
        .lifecycleConfiguration(c -> c.rules(LifecycleRule.builder().id("none").status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix("x")).build()))));
    assertRawError(400, "MalformedXML", raw.signed("PUT", "/" + b + "?lifecycle", "<LifecycleConfiguration/>"));
    assertEquals(List.of(noId.toBuilder().id(s3.getBucketLifecycleConfiguration(r -> r.bucket(b)).rules().get(0).id())
        .build()), s3.getBucketLifecycleConfiguration(r -> r.bucket(b)).rules());

    assertError(403, "AccessDenied", () -> other.deleteBucketLifecycle(r -> r.bucket(b)));
    s3.deleteBucketLifecycle(r -> r.bucket(b));
    assertError(404, "NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(b)));
  }

  List<String> keys(String b) {
    return s3.listObjectsV2(r -> r.bucket(b)).contents().stream().map(S3Object::key).toList();
  }

  @Test
  void lifecycleRulesExpireObjectsAndAbortUploadsInTheBackground() {
    String b = bucket("lifecycle-applied");
    for (String key : List.of("logs/a", "logs/b", "past/c", "future/d", "keep/e")) {
      s3.putObject(r -> r.bucket(b).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString(key));
    }
    String stale = s3.createMultipartUpload(r -> r.bucket(b).key("tmp/upload")).uploadId();
    String kept = s3.createMultipartUpload(r -> r.bucket(b).key("keep/upload")).uploadId();
    s3.putBucketLifecycleConfiguration(r -> r.bucket(b).lifecycleConfiguration(c -> c.rules(
        LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("logs/"))
            .expiration(e -> e.days(1)).build(),
        LifecycleRule.builder().id("past").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("past/"))
            .expiration(e -> e.date(Instant.parse("2015-01-01T00:00:00Z"))).build(),
        LifecycleRule.builder().id("future").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("future/"))
            .expiration(e -> e.date(Instant.parse("2099-01-01T00:00:00Z"))).build(),
        LifecycleRule.builder().id("uploads").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/"))
            .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build(),
        LifecycleRule.builder().id("off").status(ExpirationStatus.DISABLED).filter(f -> f.prefix("keep/"))
            .expiration(e -> e.days(1)).build())));

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(keys(b)).containsExactly("future/d", "keep/e");
      assertThat(s3.listMultipartUploads(r -> r.bucket(b)).uploads()).extracting(MultipartUpload::uploadId)
          .containsExactly(kept);
    });
    assertError(404, "NoSuchUpload", () -> s3.listParts(r -> r.bucket(b).key("tmp/upload").uploadId(stale)));
    // New objects under an expiring prefix live their day first.
    s3.putObject(r -> r.bucket(b).key("logs/new"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    assertThat(keys(b)).contains("logs/new");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(keys(b)).doesNotContain("logs/new"));
  }
}
