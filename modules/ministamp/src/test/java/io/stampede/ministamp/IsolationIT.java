package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.partition.manager.BalanceConfig;
import io.stampede.partition.throttle.RateLimit;
import io.stampede.partition.throttle.RequestRateLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Tenant isolation (issue 5): with a low per-bucket rate limit, threads hammering one bucket get
 * 503 SlowDown while a quiet client of another bucket of the same stamp keeps its latency.
 *
 * <p>The quiet client issues sequential GETs of a small object at a steady {@link #QUIET_RPS},
 * well under the limit, first alone (baseline) and then while {@link #NOISY_THREADS} threads GET
 * and PUT small objects of the noisy bucket as fast as they can. Both clients are the AWS SDK
 * with default settings, so the noisy one backs off and retries SlowDown as it would against S3,
 * and its calls that still fail end in an S3Exception 503 SlowDown (a few may end in 503
 * ServiceUnavailable when the machine is too loaded to answer in time, printed; fewer than the
 * SlowDowns). That back-off keeps each
 * noisy thread idle most of the time, which is why there are {@link #NOISY_THREADS} of them: with
 * fewer, nearly every call succeeds on a retry. The two buckets are neighbours in the key space,
 * so they share a range partition and its partition server (printed), the hardest case.
 *
 * <p>The bound: quiet p99 with noise at most max(4 x baseline p99, baseline p99 + 100 ms). The
 * noisy threads run in this JVM on the same two cores as every role of the stamp, so their CPU
 * (SigV4 signing and verifying, HTTP, gRPC to the partition server, the 50 admitted requests a
 * second) is felt by the quiet path no matter what the partition server does: the additive
 * 100 ms allows for that scheduling noise on a small machine, the factor 4 for a baseline that is
 * already slow. Without isolation the quiet bucket's GETs would be refused or queued behind the
 * noisy bucket's, which fails it either way (every quiet request must succeed).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IsolationIT {
  static final int BUCKET_RPS = 50;
  static final int QUIET_RPS = 20;
  static final int QUIET_REQUESTS = 300;
  static final int WARMUP_REQUESTS = 100;
  static final int NOISY_THREADS = 24;
  static final byte[] SMALL = new byte[1024];
  /** Neighbours in the key space: the same range partition, so the same partition server, unless split. */
  static final String QUIET = "tenant-quiet";
  static final String NOISY = "tenant-noisy";

  /** Balancing off: a range split or moved mid-measurement would time its retries, not isolation. */
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp(c -> c.withBalance(BalanceConfig.off())
      .withRequestLimits(RequestRateLimits.defaults().withBucket(RateLimit.perSecond(BUCKET_RPS))));
  static S3Client quiet;

  @BeforeAll
  static void buckets() {
    quiet = STAMP.s3();
    quiet.createBucket(b -> b.bucket(QUIET));
    quiet.createBucket(b -> b.bucket(NOISY));
    quiet.putObject(b -> b.bucket(QUIET).key("q"), RequestBody.fromBytes(SMALL));
    for (int i = 0; i < NOISY_THREADS; i++) {
      int n = i;
      quiet.putObject(b -> b.bucket(NOISY).key("n" + n), RequestBody.fromBytes(SMALL));
    }
  }

  @Test
  void aHammeredBucketGetsSlowDownWhileAQuietOneKeepsItsLatency() throws Exception {
    try (S3Client noisyClient = TestStamps.s3(STAMP.stamp())) {
      // Warm up both paths (JIT, connections) so that neither phase pays for it.
      Noise warmup = Noise.start(noisyClient);
      quietLatenciesMs(WARMUP_REQUESTS);
      warmup.stop();

      double[] alone = quietLatenciesMs(QUIET_REQUESTS);
      long noiseStart = System.nanoTime();
      Noise noise = Noise.start(noisyClient);
      Awaitility.await("the noisy client is throttled").atMost(Duration.ofSeconds(60))
          .until(() -> noise.slowDowns.sum() > 0);
      long firstSlowDownMs = (System.nanoTime() - noiseStart) / 1_000_000;
      double[] noisy = quietLatenciesMs(QUIET_REQUESTS);
      noise.stop();
      System.out.printf("IsolationIT: %s and %s are served by %s; first noisy 503 after %d ms%n", QUIET, NOISY,
          placement(), firstSlowDownMs);

      double baseline = p99(alone);
      double withNoise = p99(noisy);
      double bound = Math.max(4 * baseline, baseline + 100);
      System.out.printf("IsolationIT: bucket limit %d/s; quiet GET p50 %.1f ms / p99 %.1f ms alone, p50 %.1f ms"
              + " / p99 %.1f ms with %d noisy threads (bound %.1f ms); noisy calls: %d ok, %d ended in 503 SlowDown;"
              + " partition servers refused %.0f requests (bucket limit)%n",
          BUCKET_RPS, percentile(alone, 50), baseline, percentile(noisy, 50), withNoise, NOISY_THREADS, bound,
          noise.ok.sum(), noise.slowDowns.sum(), throttledByBucket());

      noise.unavailable.stream().limit(3).forEach(e -> System.out.println("IsolationIT: noisy call ended in " + e));
      assertThat(noise.unexpected).as("noisy failures other than a retryable 503").isEmpty();
      assertThat(noise.unavailable.size()).as("noisy calls ending in 503 ServiceUnavailable, not SlowDown")
          .isLessThan((int) Math.max(1, noise.slowDowns.sum()));
      assertThat(noise.slowDowns.sum()).as("noisy calls ending in 503 SlowDown").isPositive();
      S3Exception e = noise.firstSlowDown;
      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Please reduce your request rate.");
      assertThat(e.requestId()).isNotEmpty();
      assertThat(noise.ok.sum()).as("the noisy bucket is slowed down, not cut off").isPositive();
      assertThat(withNoise).as("quiet p99 with noise (ms), baseline p99 %.1f ms", baseline).isLessThanOrEqualTo(bound);
    }
  }

  /**
   * GETs the quiet object {@code n} times, one at a time at QUIET_RPS, and returns each latency in
   * ms; any failure fails the test.
   */
  static double[] quietLatenciesMs(int n) throws Exception {
    double[] latencies = new double[n];
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(n);
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try {
      // A fixed-rate task never overlaps itself: the GETs are sequential, each on its tick.
      ScheduledFuture<?> ticks = pacer.scheduleAtFixedRate(new Runnable() {
        int i;

        @Override
        public void run() {
          if (i >= n) {
            return;
          }
          long start = System.nanoTime();
          try {
            byte[] got = quiet.getObjectAsBytes(b -> b.bucket(QUIET).key("q")).asByteArray();
            assertThat(got).hasSize(SMALL.length);
          } catch (Throwable t) {
            failures.add(t);
          }
          latencies[i++] = (System.nanoTime() - start) / 1e6;
          done.countDown();
        }
      }, 0, 1000 / QUIET_RPS, TimeUnit.MILLISECONDS);
      assertThat(done.await(2, TimeUnit.MINUTES)).as("quiet GETs finished").isTrue();
      ticks.cancel(false);
    } finally {
      pacer.shutdownNow();
    }
    assertThat(failures).as("every quiet request succeeds").isEmpty();
    return latencies;
  }

  static double p99(double[] values) {
    return percentile(values, 99);
  }

  static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1];
  }

  /** Which range and partition server hold the two buckets. */
  static String placement() {
    return STAMP.stamp().describe().partitions().stream()
        .filter(p -> p.range().contains(QUIET + "/") || p.range().contains(NOISY + "/"))
        .map(p -> p.id() + " " + p.range() + " on " + p.server().map(Object::toString).orElse("nobody"))
        .toList().toString();
  }

  /** The partition servers' count of requests refused by a bucket's limit, from the console's /metrics. */
  static double throttledByBucket() throws Exception {
    return TestStamps.metric(STAMP.stamp(), "stampede_partition_throttled_total", "reason=\"bucket\"");
  }

  /** Threads that GET and PUT small objects of the noisy bucket as fast as they can. */
  static final class Noise {
    final AtomicBoolean stopping = new AtomicBoolean();
    final LongAdder ok = new LongAdder();
    final LongAdder slowDowns = new LongAdder();
    final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    final Queue<S3Exception> unavailable = new ConcurrentLinkedQueue<>();
    volatile S3Exception firstSlowDown;
    private final ExecutorService threads = Executors.newFixedThreadPool(NOISY_THREADS);

    static Noise start(S3Client client) {
      Noise noise = new Noise();
      for (int t = 0; t < NOISY_THREADS; t++) {
        int thread = t;
        noise.threads.execute(() -> noise.hammer(client, thread));
      }
      return noise;
    }

    private void hammer(S3Client client, int thread) {
      for (long i = 0; !stopping.get(); i++) {
        try {
          if (i % 2 == 0) {
            client.getObjectAsBytes(b -> b.bucket(NOISY).key("n" + thread));
          } else {
            client.putObject(b -> b.bucket(NOISY).key("p" + thread), RequestBody.fromBytes(SMALL));
          }
          ok.increment();
        } catch (S3Exception e) {
          if (e.statusCode() == 503 && "SlowDown".equals(e.awsErrorDetails().errorCode())) {
            if (firstSlowDown == null) {
              firstSlowDown = e;
            }
            slowDowns.increment();
          } else if (e.statusCode() == 503 && "ServiceUnavailable".equals(e.awsErrorDetails().errorCode())) {
            // an overloaded small machine (CI) may time a noisy call out: retryable, not an isolation failure
            unavailable.add(e);
          } else {
            unexpected.add(e);
          }
        } catch (RuntimeException e) {
          unexpected.add(e);
        }
      }
    }

    void stop() throws InterruptedException {
      stopping.set(true);
      threads.shutdown();
      // A call in its SDK back-off ends within a few seconds.
      assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("noisy threads stopped").isTrue();
    }
  }
}
