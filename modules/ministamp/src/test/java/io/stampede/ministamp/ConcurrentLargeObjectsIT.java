package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Memory is bounded: 16 clients PUT a 64 MiB object each at once, then GET them all back at once,
 * through a whole stamp in the failsafe JVM's 256 MiB heap (see the module pom; it exits on
 * OutOfMemoryError). 1 GiB in flight can only fit if the partition servers hold back bodies and
 * reads once their byte budgets are spent, instead of buffering them. The uploads last long
 * enough for garbage collection passes to run under them, which must leave their blocks alone.
 * Bodies never exist whole on the client side either: they are generated and compared while they
 * stream. Extents are the default 64 MiB (rolling over every 8 MiB would spend the time in seals,
 * not in moving bytes). Prints the times and the old generation's use after the last collection.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ConcurrentLargeObjectsIT {
  static final int CLIENTS = 16;
  static final long SIZE = 64L << 20;

  @TempDir Path dir;

  @Test
  void sixteenConcurrentSixtyFourMebibyteObjectsStreamThroughASmallHeap() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    StampConfig config = TestStamps.config(dir).withExtentBytesTarget(64L << 20);
    try (MiniStamp stamp = MiniStamp.start(config); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        s3.createBucket(b -> b.bucket("big"));
        long start = System.nanoTime();
        List<String> sent = all(clients, i -> () -> put(s3, i));
        long putMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        List<String> received = all(clients, i -> () -> get(s3, i));
        long getMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(received).isEqualTo(sent);
        System.out.printf("ConcurrentLargeObjectsIT: %d x %d MiB PUT in %d ms, GET in %d ms, old generation after"
            + " the last collection %d MiB of a %d MiB heap%n", CLIENTS, SIZE >> 20, putMs, getMs,
            oldGenerationLiveBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      });
    } finally {
      clients.shutdownNow();
    }
  }

  /** PUTs object {@code i}; answers the MD5 of what was sent, checked against the ETag. */
  private static String put(S3Client s3, int i) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    String etag = s3.putObject(b -> b.bucket("big").key("o" + i), RequestBody.fromContentProvider(
        () -> new PatternStream(i, SIZE, md5), SIZE, "application/octet-stream")).eTag();
    String hex = HexFormat.of().formatHex(md5.digest());
    assertThat(etag).as("ETag of o" + i).isEqualTo("\"" + hex + "\"");
    return hex;
  }

  /** GETs object {@code i}; answers the MD5 of the bytes read, after checking their count. */
  private static String get(S3Client s3, int i) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    long count = 0;
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("big").key("o" + i))) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md5.update(buf, 0, n);
        count += n;
      }
    }
    assertThat(count).as("bytes of o" + i).isEqualTo(SIZE);
    return HexFormat.of().formatHex(md5.digest());
  }

  private static List<String> all(ExecutorService pool, IntTask task) throws Exception {
    List<Future<String>> running = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      running.add(pool.submit(task.of(i)));
    }
    List<String> results = new ArrayList<>();
    for (Future<String> f : running) {
      results.add(f.get(3, TimeUnit.MINUTES));
    }
    return results;
  }

  /** What the heap pool of long-lived objects (G1 Old Gen, Tenured...) held after the last collection. */
  private static long oldGenerationLiveBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null
            && !p.getName().contains("Eden") && !p.getName().contains("Survivor"))
        .mapToLong(p -> p.getCollectionUsage().getUsed()).max().orElse(0);
  }

  @FunctionalInterface
  private interface IntTask {
    Callable<String> of(int i);
  }
}
