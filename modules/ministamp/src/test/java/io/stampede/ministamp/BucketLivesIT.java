package io.stampede.ministamp;

import static io.stampede.ministamp.S3OperationsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A bucket's lives never mix: DeleteBucket refuses while any object, version, delete marker or
 * multipart upload is left (409 BucketNotEmpty, as S3), and a bucket created again under the same
 * name, by its old owner or by someone else, starts empty: nothing of the earlier one shows.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BucketLivesIT {
  @TempDir Path dir;

  @Test
  void aBucketCreatedAgainUnderItsNameSeesNothingOfTheOldOne() {
    try (MiniStamp stamp = MiniStamp.start(TestStamps.config(dir)); S3Client s3 = TestStamps.s3(stamp);
        S3Client other = TestStamps.s3(stamp, "other", "other-secret")) {
      s3.createBucket(b -> b.bucket("life"));
      s3.putBucketVersioning(b -> b.bucket("life").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      s3.putObject(b -> b.bucket("life").key("k"), RequestBody.fromString("first life"));
      s3.deleteObject(b -> b.bucket("life").key("k")); // leaves a version and a delete marker
      assertThat(s3.listObjectsV2(b -> b.bucket("life")).contents()).isEmpty();
      assertError(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket("life")));
      String version = s3.listObjectVersions(b -> b.bucket("life")).versions().get(0).versionId();
      s3.deleteObject(b -> b.bucket("life").key("k").versionId(version));
      assertError(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket("life")));
      String marker = s3.listObjectVersions(b -> b.bucket("life")).deleteMarkers().get(0).versionId();
      s3.deleteObject(b -> b.bucket("life").key("k").versionId(marker));
      String upload = s3.createMultipartUpload(b -> b.bucket("life").key("pending")).uploadId();
      assertError(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket("life")));
      s3.abortMultipartUpload(b -> b.bucket("life").key("pending").uploadId(upload));
      s3.deleteBucket(b -> b.bucket("life"));

      other.createBucket(b -> b.bucket("life"));
      assertThat(other.listObjectVersions(b -> b.bucket("life")).versions()).isEmpty();
      assertThat(other.listObjectVersions(b -> b.bucket("life")).deleteMarkers()).isEmpty();
      assertThat(other.listMultipartUploads(b -> b.bucket("life")).uploads()).isEmpty();
      other.putObject(b -> b.bucket("life").key("k"), RequestBody.fromString("second life"));
      assertThat(other.getObjectAsBytes(b -> b.bucket("life").key("k")).asUtf8String()).isEqualTo("second life");
      assertError(404, "NoSuchVersion", () -> other.getObject(b -> b.bucket("life").key("k").versionId(version)));
      other.deleteObject(b -> b.bucket("life").key("k"));
      other.deleteBucket(b -> b.bucket("life"));

      s3.createBucket(b -> b.bucket("life"));
      assertThat(s3.listObjectsV2(b -> b.bucket("life")).contents()).isEmpty();
      assertError(404, "NoSuchKey", () -> s3.getObject(b -> b.bucket("life").key("k")));
    }
  }

  /**
   * DeleteBucket is atomic against writes: writers PUT a key and DELETE it again, over and over,
   * while DeleteBucket is tried until it succeeds. An acknowledged PUT either made DeleteBucket
   * refuse (BucketNotEmpty) until its DELETE, or came after DeleteBucket's fence and failed
   * NoSuchBucket: never is a PUT acknowledged and its object then gone with the bucket (its
   * DELETE answered NoSuchBucket). Ten lives of the bucket, four writers each.
   */
  @Test
  void deleteBucketNeverSwallowsAnAcknowledgedWrite() throws Exception {
    try (MiniStamp stamp = MiniStamp.start(TestStamps.config(dir)); S3Client s3 = TestStamps.s3(stamp)) {
      java.util.List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
      int refusals = 0;
      for (int life = 0; life < 10; life++) {
        s3.createBucket(b -> b.bucket("racy"));
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicInteger acked = new java.util.concurrent.atomic.AtomicInteger();
        for (int w = 0; w < 4; w++) {
          String prefix = "life" + life + "/w" + w + "/";
          writers.execute(() -> {
            for (int i = 0; ; i++) {
              String key = prefix + i;
              try {
                s3.putObject(b -> b.bucket("racy").key(key), RequestBody.fromString(key));
              } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                return; // NoSuchBucket: the bucket is gone, and so is this unacknowledged write
              }
              acked.incrementAndGet();
              try {
                s3.deleteObject(b -> b.bucket("racy").key(key));
              } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                lost.add(key + ": " + e.awsErrorDetails().errorCode());
                return;
              }
            }
          });
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> acked.get() >= 8);
        while (true) {
          try {
            s3.deleteBucket(b -> b.bucket("racy"));
            break;
          } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
            refusals++;
          }
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
      System.out.printf("BucketLivesIT: 10 bucket lives, %d DeleteBucket refusals (BucketNotEmpty)%n", refusals);
      assertThat(lost).as("acknowledged PUTs whose object went with the bucket").isEmpty();
    }
  }
}
