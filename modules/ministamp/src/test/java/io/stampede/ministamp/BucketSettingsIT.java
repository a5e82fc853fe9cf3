package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.MFADelete;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Bucket sub-resources kept with the bucket in the location service (versioning, tagging, CORS,
 * lifecycle), through the AWS SDK with default settings against a whole stamp; requests the SDK
 * will not make go raw.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BucketSettingsIT {
  @TempDir static Path dir;
  static MiniStamp stamp;
  static S3Client s3;
  static S3Client other;
  static RawS3 raw;

  @BeforeAll
  static void start() {
    stamp = MiniStamp.start(TestStamps.config(dir));
    s3 = TestStamps.s3(stamp);
    other = TestStamps.s3(stamp, "other", "other-secret");
    raw = new RawS3(stamp);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {s3, other, stamp}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  static void assertError(int status, String code, Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertEquals(status, e.statusCode(), () -> "status of " + e.awsErrorDetails());
    assertEquals(code, e.awsErrorDetails().errorCode());
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
}
