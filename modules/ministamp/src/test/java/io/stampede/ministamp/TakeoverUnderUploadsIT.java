package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.IndexKey;
import io.stampede.ministamp.StampStatus.PartitionStatus;
import io.stampede.partition.manager.BalanceConfig;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ownership by fences, as a soak (issue 10's reproduction): slow uploads (3 MiB bodies trickling
 * in over 24 s, far longer than a closing range drains) and other writers of 1 KiB to 1 MiB objects
 * share one range while it moves back and forth every 4 s, splits, merges back and loses its
 * partition server. Every acknowledged object reads back byte-identical; an object whose last
 * upload was not acknowledged holds one whole body sent for it (or nothing, if none ever was
 * acknowledged); no request is answered 500.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class TakeoverUnderUploadsIT {
  private static final String BUCKET = "soak";

  @TempDir Path dir;

  @Test
  void ownersChangeUnderSlowUploadsAndNothingReadsBackWrong() throws Exception {
    try (MiniStamp stamp = TestStamps.failureStamp(dir).balance(BalanceConfig.off()).start();
        S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        s3.createBucket(r -> r.bucket(BUCKET));
        Uploads slow = new Uploads(s3, "slow", 3 << 20, true);
        Uploads medium = new Uploads(s3, "medium", 1 << 20, false);
        PartitionFailoverIT.SmallWrites small = new PartitionFailoverIT.SmallWrites(s3, List.of(BUCKET)).start();
        try (small; slow; medium) {
          slow.start(3);
          medium.start(2);
          await().atMost(Duration.ofSeconds(60)).until(() -> small.acked() >= 20);
          for (int i = 0; i < 3; i++) {
            // back and forth: each move as soon as the last one serves and writers got through
            // again, so the 24 s uploads outlive several owners (and the 10 s drain)
            PartitionServerId to = other(stamp, rangeOf(stamp, "slow-1").server().orElseThrow());
            System.out.println("TakeoverUnderUploadsIT: move " + settled(() ->
                stamp.move(rangeOf(stamp, "slow-1").id(), to)));
            int smallBefore = small.acked();
            await().atMost(Duration.ofSeconds(60)).until(() -> small.acked() >= smallBefore + 10
                && rangeOf(stamp, "slow-1").server().equals(Optional.of(to))
                && rangeOf(stamp, "slow-1").load().map(l -> l.loaded()).orElse(false));
          }
          awaitProgress(small, slow);
          System.out.println("TakeoverUnderUploadsIT: split " + settled(() -> stamp.split(
              rangeOf(stamp, "slow-1").id(), Optional.of(IndexKey.of(BUCKET, "slow-1")))));
          awaitProgress(small, slow);
          System.out.println("TakeoverUnderUploadsIT: merge " + settled(() -> stamp.merge(
              rangeOf(stamp, "medium").id())));
          awaitProgress(small, slow);
          PartitionServerId victim = rangeOf(stamp, "slow-1").server().orElseThrow();
          stamp.killPartitionServer(victim);
          awaitProgress(small, slow);
          stamp.restartPartitionServer(victim);
          awaitProgress(small, slow);
        }
        System.out.printf("TakeoverUnderUploadsIT: slow uploads %s; medium uploads %s; %d small writes%n",
            slow, medium, small.acked());
        assertThat(slow.everAcked).as("slow uploads went through around the changes").isNotEmpty();
        slow.check(s3);
        medium.check(s3);
        small.ledger().forEach((name, body) -> assertThat(get(s3, IndexKey.objectKey(name)))
            .as(name).map(String::new).contains(body));
      });
    }
  }

  /** Runs a partition verb once the map has settled enough for the manager to take it. */
  private static String settled(Supplier<String> verb) {
    AtomicReference<String> answer = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> {
          answer.set(verb.get());
          return true;
        });
    return answer.get();
  }

  private static void awaitProgress(PartitionFailoverIT.SmallWrites small, Uploads slow) {
    int smallBefore = small.acked();
    int slowBefore = slow.attempts();
    await().atMost(Duration.ofSeconds(90)).until(() -> small.acked() >= smallBefore + 10
        && slow.attempts() >= slowBefore + 1);
  }

  private static Optional<byte[]> get(S3Client s3, String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  private static PartitionStatus rangeOf(MiniStamp stamp, String objectKey) {
    String key = IndexKey.of(BUCKET, objectKey);
    return stamp.describe().partitions().stream().filter(p -> p.range().contains(key)).findFirst().orElseThrow();
  }

  private static PartitionServerId other(MiniStamp stamp, PartitionServerId server) {
    return stamp.partitionServers().stream().filter(s -> !s.equals(server)).findFirst().orElseThrow();
  }

  /**
   * Threads PUTting random objects of up to {@code bytesMax} bytes over four keys each (slow ones
   * trickling in at 64 KiB per 500 ms); records every body sent and what was acknowledged.
   */
  private static final class Uploads implements AutoCloseable {
    final S3Client s3;
    final String prefix;
    final int bytesMax;
    final boolean trickle;
    /** Per key, the digest of every body sent for it; bodies themselves are not kept (memory). */
    final Map<String, List<String>> tried = new ConcurrentHashMap<>();
    final Map<String, String> acked = new ConcurrentHashMap<>();
    final Set<String> everAcked = ConcurrentHashMap.newKeySet();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    volatile boolean stopped;

    Uploads(S3Client s3, String prefix, int bytesMax, boolean trickle) {
      this.s3 = s3;
      this.prefix = prefix;
      this.bytesMax = bytesMax;
      this.trickle = trickle;
    }

    void start(int n) {
      for (int t = 0; t < n; t++) {
        int thread = t;
        Thread th = new Thread(() -> run(thread), prefix + "-upload-" + t);
        th.setDaemon(true);
        threads.add(th);
        th.start();
      }
    }

    int attempts() {
      return tried.values().stream().mapToInt(List::size).sum();
    }

    private void run(int thread) {
      Random random = new Random(prefix.hashCode() * 31L + thread);
      for (int i = 0; !stopped && i < 10_000; i++) {
        String key = prefix + "-" + thread + "-" + (i % 4);
        byte[] body = new byte[trickle ? bytesMax : 1024 + random.nextInt(bytesMax - 1024)];
        random.nextBytes(body);
        String digest = digest(body);
        tried.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(digest);
        try {
          s3.putObject(b -> b.bucket(BUCKET).key(key), trickle
              ? RequestBody.fromContentProvider(() -> new Trickle(body), body.length, "application/octet-stream")
              : RequestBody.fromBytes(body));
          acked.put(key, digest);
          everAcked.add(key);
        } catch (S3Exception e) {
          failures.add(key + ": " + e.statusCode() + " " + e.awsErrorDetails().errorCode());
          acked.remove(key);
        } catch (SdkException e) {
          failures.add(key + ": " + e);
          acked.remove(key);
        }
      }
    }

    /** Every acknowledged object reads back exactly; the others hold a whole body sent, or nothing. */
    void check(S3Client s3) {
      assertThat(failures).as(prefix + ": no request answered 500").noneMatch(f -> f.contains(": 500"));
      acked.forEach((key, body) -> assertThat(get(s3, key).map(Uploads::digest)).as("%s reads back as acknowledged", key)
          .contains(body));
      tried.forEach((key, bodies) -> {
        if (!acked.containsKey(key)) {
          Optional<String> held = get(s3, key).map(Uploads::digest);
          assertThat(held.isEmpty() && !everAcked.contains(key) || held.isPresent() && bodies.contains(held.get()))
              .as("%s, its last upload not acknowledged, holds one whole body sent for it", key).isTrue();
        }
      });
    }

    static String digest(byte[] body) {
      try {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      for (Thread t : threads) {
        t.join(120_000);
      }
    }

    @Override
    public String toString() {
      return everAcked.size() + " keys acknowledged, " + attempts() + " attempts, " + failures.size()
          + " failed " + failures;
    }
  }

  /** A body that hands out 64 KiB every 500 ms (24 s for 3 MiB), as a slow client's upload does. */
  private static final class Trickle extends InputStream {
    private static final int STEP = 64 * 1024;
    private final byte[] body;
    private int at;
    private int stepLeft = STEP;

    Trickle(byte[] body) {
      this.body = body;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at >= body.length) {
        return -1;
      }
      if (stepLeft == 0) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        stepLeft = STEP;
      }
      int n = Math.min(Math.min(len, stepLeft), body.length - at);
      System.arraycopy(body, at, b, off, n);
      at += n;
      stepLeft -= n;
      return n;
    }

    @Override
    public void close() {
      at = body.length;
    }
  }
}
