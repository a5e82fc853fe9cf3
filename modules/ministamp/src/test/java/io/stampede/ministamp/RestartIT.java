package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Stop a stamp and start it again on the same data: every acknowledged bucket and object is back. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RestartIT {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedObjectSurvivesARestart() throws Exception {
    StampConfig config = TestStamps.config(dir);
    Map<String, byte[]> written = new LinkedHashMap<>();
    Random random = new Random(42);
    try (MiniStamp stamp = MiniStamp.start(config); S3Client s3 = TestStamps.s3(stamp)) {
      for (String bucket : new String[] {"apples", "kiwis", "zucchini"}) {
        s3.createBucket(b -> b.bucket(bucket));
        for (int i = 0; i < 12; i++) {
          byte[] data = new byte[random.nextInt(600_000)];
          random.nextBytes(data);
          String key = "obj-" + i;
          s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
          written.put(bucket + "/" + key, data);
        }
        s3.deleteObject(b -> b.bucket(bucket).key("obj-3"));
        written.remove(bucket + "/obj-3");
        byte[] over = "overwritten".getBytes();
        s3.putObject(b -> b.bucket(bucket).key("obj-4"), RequestBody.fromBytes(over));
        written.put(bucket + "/obj-4", over);
      }
      s3.createBucket(b -> b.bucket("short-lived"));
      s3.deleteBucket(b -> b.bucket("short-lived"));
    }

    try (Stream<Path> files = Files.walk(config.stampDir())) {
      assertThat(files.map(Path::toString).filter(p -> p.endsWith(".ext")).count())
          .as("extent replica files under <data>/<stamp>/<rack>/<node>/").isGreaterThanOrEqualTo(3);
    }

    try (MiniStamp stamp = MiniStamp.start(config); S3Client s3 = TestStamps.s3(stamp)) {
      assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("apples", "kiwis", "zucchini");
      for (Map.Entry<String, byte[]> e : written.entrySet()) {
        String[] parts = e.getKey().split("/", 2);
        byte[] got = s3.getObjectAsBytes(b -> b.bucket(parts[0]).key(parts[1])).asByteArray();
        assertArrayEquals(e.getValue(), got, e.getKey());
      }
      assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("apples").key("obj-3")));
      assertEquals(11, s3.listObjectsV2(b -> b.bucket("kiwis")).contents().stream().map(S3Object::key).count());
      // The restarted stamp keeps taking writes.
      s3.putObject(b -> b.bucket("apples").key("after-restart"), RequestBody.fromString("still here"));
      assertEquals("still here", s3.getObjectAsBytes(b -> b.bucket("apples").key("after-restart")).asUtf8String());
    }
  }
}
