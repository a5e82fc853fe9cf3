package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.id.PartitionServerId;
import io.stampede.ministamp.StampStatus.ExtentStatus;
import io.stampede.partition.manager.BalanceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Space comes back (issue 10): one key overwritten many times and many small objects mostly
 * deleted leave sealed blob extents that are mostly garbage (1 MiB extents, so they seal
 * quickly); a garbage-collection pass drops the dead ones, rewrites the live blocks of mostly
 * dead ones first, every object still reads back byte-identical through the AWS SDK, and the
 * extent nodes' files shrink once the orphan grace is over. A partition server killed in the
 * middle of a pass loses nothing: after its ranges are served again every object reads back
 * and the next pass reclaims the space.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GarbageCollectionIT {
  private static final String BUCKET = "gc-bucket";

  @TempDir Path dir;

  private final Map<String, byte[]> live = new LinkedHashMap<>();

  private MiniStamp stamp() {
    return MiniStamp.builder(dir).racks(3, 1).extentBytesTarget(1L << 20).balance(BalanceConfig.off())
        .seed(TestStamps.seed()).start();
  }

  private void put(S3Client s3, String key, int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
    live.put(key, data);
  }

  /** 40 overwrites of a 256 KiB key, then 300 objects of 8 KiB of which 270 are deleted. */
  private void churn(S3Client s3) {
    for (int i = 0; i < 40; i++) {
      put(s3, "big", 256 * 1024, i);
    }
    for (int i = 0; i < 300; i++) {
      put(s3, "small/" + i, 8 * 1024, 1000 + i);
    }
    for (int i = 0; i < 300; i++) {
      if (i % 10 != 0) {
        String key = "small/" + i;
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
        live.remove(key);
      }
    }
  }

  private void assertReadsBack(S3Client s3) {
    live.forEach((key, data) -> assertThat(Arrays.equals(data,
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray())).as(key).isTrue());
  }

  /** Bytes of the sealed extents of the ranges' blob streams, as the stream manager lists them. */
  private static long sealedBlobBytes(MiniStamp stamp) {
    return stamp.describe().extents().stream().filter(e -> e.stream().value().endsWith(".blob"))
        .filter(ExtentStatus::sealed).mapToLong(ExtentStatus::length).sum();
  }

  /** Bytes of the extent files on every extent node's disk. */
  private long extentFileBytes() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".ext")).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // deleted meanwhile
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPassDropsDeadExtentsAndTheNodesFilesShrinkWhileEveryObjectReadsBack() throws Exception {
    try (MiniStamp stamp = stamp(); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        s3.createBucket(b -> b.bucket(BUCKET));
        churn(s3);
        long sealedBefore = sealedBlobBytes(stamp);
        long filesBefore = extentFileBytes();
        String report = stamp.collectGarbage();
        long sealedAfter = sealedBlobBytes(stamp);
        System.out.printf("GarbageCollectionIT: %s; sealed blob bytes %d -> %d; extent files %d bytes%n",
            report, sealedBefore, sealedAfter, filesBefore);
        assertThat(sealedBefore).as("the churn sealed blob extents").isGreaterThan(8L << 20);
        assertThat(sealedAfter).as("sealed blob bytes after a pass").isLessThan(sealedBefore / 4);
        assertReadsBack(s3);
        StampStatus status = stamp.describe();
        assertThat(status.blobGarbageRatio()).as("the garbage ratio status shows after the pass").isLessThan(0.5);
        assertThat(StatusTable.render(status)).contains("garbage in sealed blob extents");
        // the dropped extents' replicas go once the orphan grace (30 s) is over
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
            .until(() -> extentFileBytes() < filesBefore - 3 * (sealedBefore - sealedAfter) / 2);
        System.out.printf("GarbageCollectionIT: extent files %d -> %d bytes%n", filesBefore, extentFileBytes());
        assertReadsBack(s3);
      });
    }
  }

  /**
   * Retired ranges' streams go: after a split in the middle of the bucket, each child's gc pass
   * copies the blocks it still shares with the parent to its own blob stream, reports that it
   * needs the parent no more, and the partition manager's leader deletes the parent's blob and
   * checkpoint streams (its commit log stays, for rebuild-index); every object still reads back.
   */
  @Test
  void aSplitParentsStreamsAreDeletedOnceItsChildrenCopiedTheirBlocksForward() throws Exception {
    try (MiniStamp stamp = stamp(); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        s3.createBucket(b -> b.bucket(BUCKET));
        churn(s3);
        StampStatus.PartitionStatus parent = stamp.describe().partitions().stream()
            .filter(p -> p.range().contains(BUCKET + "~")).findFirst().orElseThrow(); // the bucket's key space

        String parentBlob = parent.id().value() + ".blob";
        System.out.println("GarbageCollectionIT: " + stamp.split(parent.id(), Optional.of(BUCKET + "/small/5")));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
          assertReadsBack(s3);
          return true;
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
          stamp.collectGarbage();
          return stamp.describe().extents().stream().noneMatch(e -> e.stream().value().equals(parentBlob));
        });
        assertThat(stamp.describe().extents()).noneMatch(e -> e.stream().value().equals(parent.id() + ".ckpt"));
        assertReadsBack(s3);
      });
    }
  }

  @Test
  void aServerKilledInTheMiddleOfAPassLosesNothingAndTheNextPassReclaims() throws Exception {
    try (MiniStamp stamp = stamp(); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        s3.createBucket(b -> b.bucket(BUCKET));
        churn(s3);
        long sealedBefore = sealedBlobBytes(stamp);
        PartitionServerId server = stamp.describe().partitions().stream()
            .filter(p -> p.range().contains(BUCKET)).findFirst().orElseThrow().server().orElseThrow();
        stamp.collectGarbageAsync();
        stamp.killPartitionServer(server);
        stamp.restartPartitionServer(server);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big")) != null);
        assertReadsBack(s3);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> stamp.collectGarbage() != null && sealedBlobBytes(stamp) < sealedBefore / 4);
        assertReadsBack(s3);
      });
    }
  }
}
