package io.stampede.bench;

import java.util.List;

/**
 * The standard workloads and how {@code --scale} sizes them: counts scale, object sizes do not
 * (a 64 MiB PUT is what is measured). At scale 1 a run against a stamp on 2 cores takes a few
 * minutes; every count has a floor so that even a tiny scale measures each workload.
 */
final class Workloads {
  static final long KIB = 1024;
  static final long MIB = 1024 * KIB;
  /** Mixed load: the share of GETs, and the size range of its objects. */
  static final double MIXED_GET_SHARE = 0.7;
  static final long MIXED_MIN_BYTES = 4 * KIB;
  static final long MIXED_MAX_BYTES = 64 * KIB;
  /** Listing: keys per ListObjectsV2 page. */
  static final int LIST_PAGE_KEYS = 1000;

  private Workloads() {}

  static List<WorkloadPlan> plan(double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be > 0, got " + scale);
    }
    return List.of(
        new WorkloadPlan(WorkloadPlan.Kind.OBJECTS, "4k", "4 KiB", 4 * KIB, 0, scaled(600, scale, 40), 8, 40, 0),
        new WorkloadPlan(WorkloadPlan.Kind.OBJECTS, "1m", "1 MiB", MIB, 0, scaled(120, scale, 8), 4, 8, 0),
        new WorkloadPlan(WorkloadPlan.Kind.OBJECTS, "64m", "64 MiB", 64 * MIB, 0, scaled(4, scale, 1), 2, 1, 0),
        new WorkloadPlan(WorkloadPlan.Kind.MULTIPART, "multipart", "multipart 8 x 8 MiB", 8 * MIB, 8,
            scaled(3, scale, 1), 2, 1, 0),
        new WorkloadPlan(WorkloadPlan.Kind.LISTING, "list", "LIST pages of " + LIST_PAGE_KEYS, 0, 0,
            scaled(20, scale, 2), 2, 2, scaled(2000, scale, 200)),
        new WorkloadPlan(WorkloadPlan.Kind.MIXED, "mixed", "mixed 70% GET / 30% PUT 4-64 KiB", 0, 0,
            scaled(1200, scale, 100), 8, 40, scaled(100, scale, 20)));
  }

  /** {@code n x scale}, at least {@code floor}. */
  static int scaled(int n, double scale, int floor) {
    return (int) Math.max(floor, Math.round(n * scale));
  }
}
