package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stampede.common.key.KeyRange;
import io.stampede.ministamp.StampStatus.PartitionStatus;
import io.stampede.partition.manager.BalanceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Thousands of keys over many buckets written and read while the partition manager splits,
 * moves and merges ranges on its own: every acknowledged object stays readable, listings stay
 * complete and ordered, and the map tiles the key space at every observed step.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RangeBalancingIT {
  private static final List<String> BUCKETS = List.of("amber", "bravo", "delta", "hotel", "india", "mike",
      "oscar", "tango");
  private static final int KEYS_PER_BUCKET = 300;
  private static final BalanceConfig BALANCE = new BalanceConfig(true, 200, 0, 0, 3, 12, java.time.Duration.ofSeconds(2));

  @TempDir Path dir;

  @Test
  void splitsMovesAndMergesKeepEveryObjectAndListing() throws Exception {
    try (MiniStamp stamp = TestStamps.failureStamp(dir).balance(BALANCE).start(); S3Client s3 = TestStamps.s3(stamp)) {
      TestStamps.describedOnFailure(stamp, () -> {
        BUCKETS.forEach(b -> s3.createBucket(r -> r.bucket(b)));
        MapWatch watch = new MapWatch(stamp).start();
        Map<String, String> acked = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try {
          List<Future<?>> done = new ArrayList<>();
          for (String bucket : BUCKETS) {
            done.add(writers.submit(() -> {
              for (int i = 0; i < KEYS_PER_BUCKET; i++) {
                String key = String.format("dir%d/key-%05d", i % 3, i);
                try {
                  s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(bucket + key));
                  acked.put(bucket + "/" + key, bucket + key);
                } catch (RuntimeException e) {
                  failures.add(bucket + "/" + key + ": " + e);
                }
              }
            }));
          }
          for (Future<?> f : done) {
            f.get(4, TimeUnit.MINUTES);
          }
        } finally {
          writers.shutdownNow();
        }
        System.out.printf("RangeBalancingIT: %d PUTs acknowledged, %d failed%n", acked.size(), failures.size());
        assertThat(failures).as("PUTs the stamp refused while ranges split").isEmpty();

        await("ranges split past the initial three").atMost(Duration.ofSeconds(90))
            .until(() -> stamp.describe().partitions().size() >= 8 && settled(stamp));
        List<PartitionStatus> split = stamp.describe().partitions();
        System.out.println("RangeBalancingIT: after splits:\n" + StatusTable.render(stamp.describe()));
        assertThat(split.stream().map(p -> p.server().orElseThrow()).distinct()).as("both servers hold ranges")
            .hasSize(2);

        // Every acknowledged object reads back and every bucket lists completely, in order, in pages.
        acked.forEach((name, body) -> {
          String[] parts = name.split("/", 2);
          assertThat(s3.getObjectAsBytes(b -> b.bucket(parts[0]).key(parts[1])).asUtf8String()).as(name)
              .isEqualTo(body);
        });
        assertListings(s3, acked);

        // Paged listings stay complete and ordered while ranges merge (and split again) under them.
        List<String> listingErrors = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean churning = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread lister = new Thread(() -> {
          while (churning.get()) {
            try {
              assertListings(s3, acked);
              listings.incrementAndGet();
            } catch (AssertionError | RuntimeException e) {
              listingErrors.add(e.toString());
            }
          }
        }, "lister");
        lister.start();
        int churned = 0;
        for (int round = 0; round < 3; round++) {
          int r = round;
          // The balancer may act first on a settled map, and a range it takes is refused: pick again.
          await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            List<PartitionStatus> now = stamp.describe().partitions();
            stamp.merge(now.get(r % (now.size() - 1)).id());
            return true;
          });
          churned++;
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> settled(stamp));
        churning.set(false);
        lister.join(60_000);
        System.out.printf("RangeBalancingIT: %d complete listing passes over %d manual merges (and the splits"
            + " they caused)%n", listings.get(), churned);
        assertThat(listingErrors).as("listings during merges and splits").isEmpty();
        assertThat(listings.get()).isPositive();

        // Deleting most keys makes the ranges cold: they merge back down to the low watermark.
        for (String name : new ArrayList<>(acked.keySet())) {
          String[] parts = name.split("/", 2);
          if (!parts[1].endsWith("00")) {
            s3.deleteObject(b -> b.bucket(parts[0]).key(parts[1]));
            acked.remove(name);
          }
        }
        await("cold ranges merged").atMost(Duration.ofSeconds(120))
            .until(() -> stamp.describe().partitions().size() == BALANCE.rangesLow() && settled(stamp));
        System.out.println("RangeBalancingIT: after merges:\n" + StatusTable.render(stamp.describe()));
        assertListings(s3, acked);
        watch.close();
        System.out.printf("RangeBalancingIT: %d map versions observed, %d range layouts%n", watch.seen(),
            watch.layouts());
        assertThat(watch.violations()).as("maps that did not tile the key space").isEmpty();
        assertThat(watch.layouts()).as("distinct range layouts seen").isGreaterThan(3);
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://" + stamp.consoleEndpoint() + "/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("stampede_partition_manager_splits_total\\{[^}]*\\} [1-9]")
            .containsPattern("stampede_partition_manager_merges_total\\{[^}]*\\} [1-9]")
            .contains("stampede_partition_range_keys");
      });
    }
  }

  private static boolean settled(MiniStamp stamp) {
    return stamp.describe().partitions().stream()
        .allMatch(p -> p.server().isPresent() && p.load().map(l -> l.loaded()).orElse(false));
  }

  private static void assertListings(S3Client s3, Map<String, String> acked) {
    for (String bucket : BUCKETS) {
      List<String> expected = acked.keySet().stream().filter(n -> n.startsWith(bucket + "/"))
          .map(n -> n.substring(bucket.length() + 1)).sorted().toList();
      List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(37)).contents().stream()
          .map(S3Object::key).toList();
      assertThat(listed).as("listing of " + bucket).containsExactlyElementsOf(expected);
    }
  }

  /** Polls the map while the test runs; records every layout and any that does not tile the key space. */
  static final class MapWatch implements AutoCloseable {
    private final MiniStamp stamp;
    private final java.util.concurrent.ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "map-watch"));
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> layouts = ConcurrentHashMap.newKeySet();
    private volatile int seen;

    MapWatch(MiniStamp stamp) {
      this.stamp = stamp;
    }

    MapWatch start() {
      poller.scheduleWithFixedDelay(this::poll, 0, 100, TimeUnit.MILLISECONDS);
      return this;
    }

    private void poll() {
      try {
        List<PartitionStatus> ranges = stamp.describe().partitions();
        seen++;
        layouts.add(ranges.stream().map(p -> p.id().value()).collect(Collectors.joining(",")));
        tiles(ranges).ifPresent(violations::add);
      } catch (RuntimeException e) {
        // the partition manager may be between leaders; the next poll tries again
      }
    }

    private static Optional<String> tiles(List<PartitionStatus> ranges) {
      String low = "";
      for (int i = 0; i < ranges.size(); i++) {
        KeyRange r = ranges.get(i).range();
        if (!r.low().equals(low) || r.unboundedAbove() != (i == ranges.size() - 1)) {
          return Optional.of(ranges.stream().map(p -> p.id() + " " + p.range()).collect(Collectors.joining(" ")));
        }
        low = r.high();
      }
      return Optional.empty();
    }

    int seen() {
      return seen;
    }

    int layouts() {
      return layouts.size();
    }

    List<String> violations() {
      return List.copyOf(violations);
    }

    @Override
    public void close() throws InterruptedException {
      poller.shutdown();
      poller.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
