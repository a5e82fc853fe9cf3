package io.stampede.microbench;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.index.ObjectVersion;
import io.stampede.partition.log.CommitLogRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A range partition's {@link ObjectIndex} holding 100,000 keys (the size at which the partition
 * manager splits a range), built by applying Put records as a range does when it loads its log.
 * Point lookups of a key it holds and of one it does not ({@link ObjectIndex#current}, what
 * GetObject, HeadObject and conditional writes ask), and a ListObjectsV2 page of 1000 keys from
 * a random start-after. Keys are visited in a shuffled order so the lookups are not all cache
 * hits on one path of the tree.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ObjectIndexBenchmark {
  static final int KEYS = 100_000;
  static final String BUCKET = "bench";

  private ObjectIndex index;
  private String[] held;
  private String[] missing;
  private String[] startAfter;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(7);
    List<String> keys = new ArrayList<>(KEYS);
    for (int i = 0; i < KEYS; i++) {
      // a few hundred "directories" of a few hundred files, like a photo or log bucket
      keys.add(String.format("user-%03d/%04d/img-%08x.jpg", i % 317, i % 1009, random.nextInt()));
    }
    index = new ObjectIndex();
    for (String k : keys) {
      ObjectInfo info = new ObjectInfo(BUCKET, k, 1 << 20, "etag", 0, "image/jpeg", Map.of(), Map.of());
      index.apply(new CommitLogRecord.Put(info, List.of()));
    }
    Collections.shuffle(keys, random);
    held = keys.stream().map(k -> IndexKey.of(BUCKET, k)).toArray(String[]::new);
    missing = keys.stream().map(k -> IndexKey.of(BUCKET, k + ".missing")).toArray(String[]::new);
    // start-after keys that leave at least a full page behind them
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(IndexKey::compare);
    List<String> starts = new ArrayList<>(sorted.subList(0, KEYS - 1000));
    Collections.shuffle(starts, random);
    startAfter = starts.toArray(String[]::new);
    if (index.liveKeys() != held.length) {
      throw new IllegalStateException("index holds " + index.liveKeys() + " keys, not " + held.length);
    }
  }

  private int nextSlot() {
    int i = next;
    next = i + 1 == KEYS ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public Optional<ObjectVersion> lookupHeld() {
    return index.current(held[nextSlot()]);
  }

  @Benchmark
  public Optional<ObjectVersion> lookupMissing() {
    return index.current(missing[nextSlot()]);
  }

  @Benchmark
  public ListPage listPage1000() {
    int i = next % startAfter.length;
    next = i + 1;
    return index.list(ListObjectsQuery.of(BUCKET, "", "", startAfter[i], 1000), KeyRange.ALL);
  }
}
