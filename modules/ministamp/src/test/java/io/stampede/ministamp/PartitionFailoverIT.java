package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.IndexKey;
import io.stampede.ministamp.StampStatus.PartitionStatus;
import io.stampede.partition.manager.BalanceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Partition-layer failover under load: a killed partition server's ranges are served elsewhere
 * within seconds with no acknowledged write lost, and a killed partition manager leader is
 * replaced while the existing assignments keep serving.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PartitionFailoverIT {
  private static final List<String> BUCKETS = List.of("alpha", "kilo", "zulu");

  @TempDir Path dir;

  private static MiniStamp stamp(Path dir) {
    return TestStamps.failureStamp(dir).balance(BalanceConfig.off()).start();
  }

  @Test
  void aKilledPartitionServersRangesFailOverWithNothingAcknowledgedLost() throws Exception {
    try (MiniStamp stamp = stamp(dir); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        BUCKETS.forEach(b -> s3.createBucket(r -> r.bucket(b)));
        SmallWrites writes = new SmallWrites(s3, BUCKETS).start();
        try (writes) {
          await().atMost(Duration.ofSeconds(60)).until(() -> writes.acked() >= 60);
          PartitionStatus kilo = rangeOf(stamp, "kilo");
          PartitionServerId victim = kilo.server().orElseThrow();
          String probe = writes.ackedKeyIn("kilo").orElseThrow();

          long killed = System.nanoTime();
          stamp.killPartitionServer(victim);
          // The first successful read of the killed server's range, retried as a client would.
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
              .until(() -> s3.getObjectAsBytes(b -> b.bucket("kilo").key(probe)).asUtf8String().equals(probe));
          long failoverMs = (System.nanoTime() - killed) / 1_000_000;
          System.out.printf("PartitionFailoverIT: %s killed; range %s served again after %d ms%n",
              victim, kilo.id(), failoverMs);
          PartitionStatus after = rangeOf(stamp, "kilo");
          assertThat(after.server()).as("range moved off the killed server").isPresent().get().isNotEqualTo(victim);
          assertThat(failoverMs).as("failover time (4 s lease + assignment + load)").isLessThan(15_000);

          int before = writes.acked();
          await().atMost(Duration.ofSeconds(60)).until(() -> writes.acked() >= before + 60);
        }
        // Every acknowledged write reads back from the surviving server.
        assertReadable(s3, writes.ledger());
      });
    }
  }

  @Test
  void aNewManagerLeaderTakesOverWhileAssignmentsKeepServing() throws Exception {
    try (MiniStamp stamp = stamp(dir); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        BUCKETS.forEach(b -> s3.createBucket(r -> r.bucket(b)));
        List<PartitionStatus> assigned = stamp.describe().partitions();
        SmallWrites writes = new SmallWrites(s3, BUCKETS).start();
        try (writes) {
          await().atMost(Duration.ofSeconds(60)).until(() -> writes.acked() >= 30);
          ManagerPeerId old = stamp.killPartitionManagerLeader();
          long killed = System.nanoTime();
          await().atMost(Duration.ofSeconds(30)).until(() -> stamp.partitionManagerLeader()
              .filter(l -> !l.equals(old)).isPresent());
          System.out.printf("PartitionFailoverIT: manager leader %s killed; %s leads after %d ms%n", old,
              stamp.partitionManagerLeader().orElseThrow(), (System.nanoTime() - killed) / 1_000_000);
          // Leases outlive the election: several heartbeat rounds later nothing moved and writes go on.
          int before = writes.acked();
          await().atMost(Duration.ofSeconds(60)).until(() -> writes.acked() >= before + 60);
          assertThat(stamp.describe().partitions()).extracting(PartitionStatus::id, PartitionStatus::server)
              .containsExactlyElementsOf(assigned.stream()
                  .map(p -> org.assertj.core.groups.Tuple.tuple(p.id(), p.server())).toList());
          assertThat(writes.failures()).as("requests failed around the leader change").isEmpty();
          stamp.restartPartitionManagerPeer(old);
        }
        assertReadable(s3, writes.ledger());
      });
    }
  }

  private static PartitionStatus rangeOf(MiniStamp stamp, String bucket) {
    String key = IndexKey.bucketStart(bucket);
    return stamp.describe().partitions().stream().filter(p -> p.range().contains(key)).findFirst().orElseThrow();
  }

  private static void assertReadable(S3Client s3, Map<String, String> ledger) {
    assertThat(ledger).isNotEmpty();
    ledger.forEach((name, body) -> {
      String[] parts = name.split("/", 2);
      assertThat(s3.getObjectAsBytes(b -> b.bucket(parts[0]).key(parts[1])).asString(StandardCharsets.UTF_8))
          .as(name).isEqualTo(body);
    });
  }

  /** Keeps PUTting small objects round-robin over the buckets; records what was acknowledged. */
  static final class SmallWrites implements AutoCloseable {
    private final S3Client s3;
    private final List<String> buckets;
    private final Map<String, String> acked = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread = new Thread(this::run, "small-writes");
    private volatile boolean stopped;

    SmallWrites(S3Client s3, List<String> buckets) {
      this.s3 = s3;
      this.buckets = buckets;
      thread.setDaemon(true);
    }

    SmallWrites start() {
      thread.start();
      return this;
    }

    private void run() {
      for (int i = 0; !stopped && i < 100_000; i++) {
        String bucket = buckets.get(i % buckets.size());
        String key = String.format("k%06d", i);
        try {
          s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
          acked.put(bucket + "/" + key, key);
        } catch (RuntimeException e) {
          failures.add(bucket + "/" + key + ": " + e);
        }
      }
    }

    int acked() {
      return acked.size();
    }

    Optional<String> ackedKeyIn(String bucket) {
      return acked.keySet().stream().filter(n -> n.startsWith(bucket + "/")).findFirst()
          .map(IndexKey::objectKey);
    }

    /** Every acknowledged object: {@code bucket/key} to its body. */
    Map<String, String> ledger() {
      return Map.copyOf(acked);
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.join(60_000);
      System.out.printf("SmallWrites: %d acknowledged, %d failed%n", acked.size(), failures.size());
    }
  }
}
