package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.id.PartitionId;
import io.stampede.ministamp.StampStatus.PartitionStatus;
import io.stampede.partition.manager.BalanceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code ./stamp rebuild-index} after every checkpoint stream was deleted and the partition
 * map's ranges thrown away: the index of every range comes back from the commit logs alone,
 * through splits, a merge and a move, and every object, version, delete marker and upload in
 * progress is there again.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RebuildIndexIT {
  @TempDir Path dir;

  @Test
  void everyObjectIsReadableAfterRebuildingFromTheLogs() throws Exception {
    try (MiniStamp stamp = TestStamps.failureStamp(dir).balance(BalanceConfig.off()).start();
        S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        Map<String, String> objects = new TreeMap<>();
        for (String bucket : List.of("apple", "kiwi", "plum")) {
          s3.createBucket(b -> b.bucket(bucket));
          put(s3, objects, bucket, 60, "v1");
        }
        s3.putBucketVersioning(b -> b.bucket("kiwi").versioningConfiguration(v -> v.status("Enabled")));
        awaitSettled(stamp, 3);
        stamp.split(PartitionId.of("p0"), Optional.of("apple/k030"));
        awaitSettled(stamp, 4);
        put(s3, objects, "apple", 40, "v2");
        put(s3, objects, "kiwi", 20, "v2");
        s3.deleteObject(b -> b.bucket("kiwi").key("k005"));
        objects.remove("kiwi/k005");
        stamp.split(PartitionId.of("p1"), Optional.empty());
        awaitSettled(stamp, 5);
        stamp.merge(PartitionId.of("p3"));
        awaitSettled(stamp, 4);
        PartitionStatus first = stamp.describe().partitions().get(0);
        stamp.move(first.id(), stamp.partitionServers().stream()
            .filter(s -> !first.server().orElseThrow().equals(s)).findFirst().orElseThrow());
        awaitSettled(stamp, 4);
        String upload = s3.createMultipartUpload(b -> b.bucket("plum").key("big")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket("plum").key("big").uploadId(upload).partNumber(1),
            RequestBody.fromString("part one")).eTag();
        String pending = s3.createMultipartUpload(b -> b.bucket("plum").key("pending")).uploadId();
        put(s3, objects, "plum", 30, "v2");
        s3.completeMultipartUpload(b -> b.bucket("plum").key("big").uploadId(upload)
            .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        objects.put("plum/big", "part one");
        List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket("kiwi")).versions();

        int lost = stamp.deleteCheckpoints();
        System.out.printf("RebuildIndexIT: deleted %d checkpoint streams%n", lost);
        assertThat(lost).isPositive();
        long started = System.nanoTime();
        StampCommandsIT.Run rebuilt = StampCommandsIT.cli(stamp, "rebuild-index");
        System.out.printf("RebuildIndexIT: rebuild-index took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(rebuilt.exit()).as(rebuilt.err()).isEqualTo(StampCli.EXIT_OK);
        assertThat(rebuilt.out()).contains("rebuilt the index of 4 ranges");

        objects.forEach((name, body) -> {
          String[] parts = name.split("/", 2);
          assertThat(s3.getObjectAsBytes(b -> b.bucket(parts[0]).key(parts[1])).asUtf8String()).as(name)
              .isEqualTo(body);
        });
        for (String bucket : List.of("apple", "kiwi", "plum")) {
          List<String> expected = objects.keySet().stream().filter(n -> n.startsWith(bucket + "/"))
              .map(n -> n.substring(bucket.length() + 1)).toList();
          assertThat(s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(25)).contents().stream()
              .map(S3Object::key).toList()).as(bucket).containsExactlyElementsOf(expected);
        }
        assertThat(s3.listObjectVersions(b -> b.bucket("kiwi")).versions()).isEqualTo(versions);
        assertThat(s3.listObjectVersions(b -> b.bucket("kiwi")).deleteMarkers()).hasSize(1);
        assertThat(s3.listMultipartUploads(b -> b.bucket("plum")).uploads())
            .extracting(u -> u.uploadId()).containsExactly(pending);
        // And it takes writes again.
        s3.putObject(b -> b.bucket("apple").key("after"), RequestBody.fromString("after"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("apple").key("after")).asUtf8String()).isEqualTo("after");
      });
    }
  }

  private static void put(S3Client s3, Map<String, String> objects, String bucket, int n, String version) {
    for (int i = 0; i < n; i++) {
      String key = String.format("k%03d", i);
      String body = bucket + "/" + key + "/" + version;
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
      objects.put(bucket + "/" + key, body);
    }
  }

  private static void awaitSettled(MiniStamp stamp, int ranges) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      List<PartitionStatus> now = stamp.describe().partitions();
      return now.size() == ranges && now.stream().allMatch(p -> p.load().map(l -> l.loaded()).orElse(false));
    });
  }
}
