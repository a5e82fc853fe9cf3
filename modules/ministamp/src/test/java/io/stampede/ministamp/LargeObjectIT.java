package io.stampede.ministamp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A 64 MiB object streams in and out. The failsafe JVM runs with a small heap (see the module
 * pom), so a path that held the object (or its replicas) in memory would fail with
 * OutOfMemoryError; the test also reports the heap in use.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LargeObjectIT {
  static final long SIZE = 64L << 20;
  @TempDir Path dir;

  @Test
  void sixtyFourMebibytesStreamThrough() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (MiniStamp stamp = MiniStamp.start(TestStamps.config(dir)); S3Client s3 = TestStamps.s3(stamp)) {
      s3.createBucket(b -> b.bucket("big"));
      MessageDigest sent = MessageDigest.getInstance("MD5");
      long start = System.nanoTime();
      String etag = s3.putObject(b -> b.bucket("big").key("blob"),
          RequestBody.fromContentProvider(() -> new PatternStream(0, SIZE, sent), SIZE, "application/octet-stream")).eTag();
      long putMs = (System.nanoTime() - start) / 1_000_000;
      String expected = HexFormat.of().formatHex(sent.digest());
      assertEquals("\"" + expected + "\"", etag);

      MessageDigest received = MessageDigest.getInstance("MD5");
      start = System.nanoTime();
      long count = 0;
      try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("big").key("blob"))) {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          received.update(buf, 0, n);
          count += n;
        }
      }
      long getMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(SIZE, count);
      assertArrayEquals(HexFormat.of().parseHex(expected), received.digest());
      System.out.printf("LargeObjectIT: PUT 64 MiB in %d ms, GET in %d ms, heap used %d MiB of max %d MiB%n",
          putMs, getMs, memory.getHeapMemoryUsage().getUsed() >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
    }
  }
}
