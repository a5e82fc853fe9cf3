package io.stampede.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns {@link WorkloadPlan}s into phases against one bucket and runs them in order. Keys are
 * {@code <workload>/<index>}; object {@code i} of a workload has seed {@code seed(workload, i)},
 * so a GET knows what it must read. Setup writes (listing keys, the mixed load's first
 * objects) are not measured, nor are warm-ups (large PUTs warm up with 8 MiB objects, multipart
 * uploads with two parts).
 */
final class WorkloadSuite {
  /** Warm-up PUTs of large objects write at most this much each: they warm the path, not the disk. */
  static final long WARMUP_BYTES_MAX = 8 * Workloads.MIB;

  private final S3Ops ops;
  private final PhaseRunner runner;
  private final Progress progress;

  WorkloadSuite(S3Ops ops, PhaseRunner runner, Progress progress) {
    this.ops = ops;
    this.runner = runner;
    this.progress = progress;
  }

  List<PhaseResult> run(List<WorkloadPlan> plans) {
    List<PhaseResult> results = new ArrayList<>();
    for (WorkloadPlan plan : plans) {
      switch (plan.kind()) {
        case OBJECTS -> {
          results.add(runner.run(putPhase(plan)));
          results.add(runner.run(getPhase(plan, "get_" + plan.id(), plan.label() + " GET", plan.objectBytes())));
        }
        case MULTIPART -> {
          results.add(runner.run(multipartPhase(plan)));
          results.add(runner.run(getPhase(plan, "multipart_get", "multipart GET "
              + plan.parts() * plan.objectBytes() / Workloads.MIB + " MiB", plan.parts() * plan.objectBytes())));
        }
        case LISTING -> results.add(runner.run(listingPhase(plan)));
        case MIXED -> results.add(runner.run(mixedPhase(plan)));
      }
    }
    return results;
  }

  static long seed(String workload, int index) {
    return workload.hashCode() * 1_000_003L + index;
  }

  static String key(String workload, int index) {
    return String.format(Locale.ROOT, "%s/%07d", workload, index);
  }

  private Phase putPhase(WorkloadPlan p) {
    String warm = p.id() + "-warmup";
    return new Phase("put_" + p.id(), p.label() + " PUT", unitOf(p), p.count(), p.concurrency(), p.warmup(),
        i -> amount(p, ops.put(key(warm, i), seed(warm, i), Math.min(p.objectBytes(), WARMUP_BYTES_MAX))),
        i -> amount(p, ops.put(key(p.id(), i), seed(p.id(), i), p.objectBytes())));
  }

  /** GETs of the objects the plan's PUT phase wrote; the warm-up reads the first ones. */
  private Phase getPhase(WorkloadPlan p, String id, String label, long size) {
    int written = p.count();
    return new Phase(id, label, unitOf(p), p.count(), p.concurrency(), p.warmup(),
        i -> amount(p, ops.getVerified(key(p.id(), i % written), seed(p.id(), i % written), size)),
        i -> amount(p, ops.getVerified(key(p.id(), i), seed(p.id(), i), size)));
  }

  private Phase multipartPhase(WorkloadPlan p) {
    String warm = p.id() + "-warmup";
    return new Phase("multipart_put", p.label() + " PUT", Unit.MIB, p.count(), p.concurrency(), p.warmup(),
        i -> ops.multipartPut(key(warm, i), seed(warm, i), Math.min(p.parts(), 2), p.objectBytes()),
        i -> ops.multipartPut(key(p.id(), i), seed(p.id(), i), p.parts(), p.objectBytes()));
  }

  /**
   * Page {@code i} of a pass over the listing keys starts after key {@code page x 1000 - 1}, so
   * pages are independent requests and each must hold exactly its share of the keys.
   */
  private Phase listingPhase(WorkloadPlan p) {
    int keys = p.setupCount();
    progress.say("writing " + keys + " empty objects to list (not measured)");
    runner.run(new Phase("list_setup", "LIST setup", Unit.OPS, keys, 8, 0, i -> 0,
        i -> { ops.put(key(p.id(), i), 0, 0); return 1; }));
    int pages = (keys + Workloads.LIST_PAGE_KEYS - 1) / Workloads.LIST_PAGE_KEYS;
    java.util.function.IntToLongFunction page = i -> {
      int first = (i % pages) * Workloads.LIST_PAGE_KEYS;
      String after = first == 0 ? null : key(p.id(), first - 1);
      return ops.listPage(p.id() + "/", after, Workloads.LIST_PAGE_KEYS,
          Math.min(Workloads.LIST_PAGE_KEYS, keys - first));
    };
    return new Phase("list", p.label(), Unit.KEYS, p.count(), p.concurrency(), p.warmup(), page, page);
  }

  /**
   * Each request is a GET of a random object written so far (70%) or a PUT of a new one (30%),
   * of a random size from 4 to 64 KiB; both drawn from the request's index.
   */
  private Phase mixedPhase(WorkloadPlan p) {
    ConcurrentHashMap<Integer, Long> sizes = new ConcurrentHashMap<>();
    List<Integer> written = new CopyOnWriteArrayList<>();
    progress.say("writing " + p.setupCount() + " objects for the mixed load (not measured)");
    runner.run(new Phase("mixed_setup", "mixed setup", Unit.OPS, p.setupCount(), 8, 0, i -> 0,
        i -> mixedPut(p.id(), i, new SplittableRandom(i), sizes, written)));
    int base = p.setupCount();
    int warmBase = base + p.count();
    return new Phase("mixed", p.label(), Unit.OPS, p.count(), p.concurrency(), p.warmup(),
        i -> mixedRequest(p.id(), warmBase + i, sizes, written),
        i -> mixedRequest(p.id(), base + i, sizes, written));
  }

  private long mixedRequest(String id, int index, ConcurrentHashMap<Integer, Long> sizes, List<Integer> written) {
    SplittableRandom random = new SplittableRandom(seed(id, index));
    if (random.nextDouble() < Workloads.MIXED_GET_SHARE) {
      int object = written.get(random.nextInt(written.size()));
      ops.getVerified(key(id, object), seed(id, object), sizes.get(object));
      return 1;
    }
    return mixedPut(id, index, random, sizes, written);
  }

  private long mixedPut(String id, int index, SplittableRandom random, ConcurrentHashMap<Integer, Long> sizes,
      List<Integer> written) {
    long size = random.nextLong(Workloads.MIXED_MIN_BYTES, Workloads.MIXED_MAX_BYTES + 1);
    ops.put(key(id, index), seed(id, index), size);
    sizes.put(index, size);
    written.add(index);
    return 1;
  }

  private static Unit unitOf(WorkloadPlan p) {
    return p.objectBytes() < Workloads.MIB ? Unit.OPS : Unit.MIB;
  }

  private static long amount(WorkloadPlan p, long bytes) {
    return unitOf(p) == Unit.OPS ? 1 : bytes;
  }
}
