package io.stampede.partition.range;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.ExtentPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The extents of a range's blob streams that hold blocks of uploads in flight: appended but not
 * committed yet, so no index entry points at them, and garbage collection would take an extent
 * holding only such blocks for dead and drop it under the upload. An upload pins each extent as
 * a block of it lands there (in the append's completion, before the extent can be sealed) and
 * unpins them all once its commit record is applied, or it failed. Thread-safe.
 */
final class PinnedExtents implements Predicate<ExtentId> {
  private final Map<ExtentId, Integer> pins = new HashMap<>();

  /** Starts the pins of one upload. */
  Upload begin() {
    return new Upload();
  }

  /** Whether an upload in flight has a block in {@code extent}. */
  @Override
  public synchronized boolean test(ExtentId extent) {
    return pins.containsKey(extent);
  }

  /** The pins of one upload. */
  final class Upload {
    private final List<ExtentId> held = new ArrayList<>();
    private boolean ended;

    /** Pins the extents {@code landed} blocks went to; nothing once the upload ended. */
    void landed(List<ExtentPointer> landed) {
      synchronized (PinnedExtents.this) {
        if (ended) {
          return;
        }
        for (ExtentPointer p : landed) {
          held.add(p.extent());
          pins.merge(p.extent(), 1, Integer::sum);
        }
      }
    }

    /** Unpins everything this upload pinned; idempotent. */
    void end() {
      synchronized (PinnedExtents.this) {
        if (ended) {
          return;
        }
        ended = true;
        for (ExtentId e : held) {
          pins.computeIfPresent(e, (k, n) -> n == 1 ? null : n - 1);
        }
        held.clear();
      }
    }
  }
}
