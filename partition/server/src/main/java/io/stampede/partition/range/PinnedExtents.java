package io.stampede.partition.range;

import io.stampede.common.id.ExtentId;
import io.stampede.partition.gc.UploadsInFlight;
import io.stampede.stream.api.ExtentPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The extents of a range's blob streams that hold blocks of uploads in flight: appended but not
 * committed yet, so no index entry points at them, and garbage collection would take an extent
 * holding only such blocks for dead and drop it under the upload. An upload pins each extent as
 * a block of it lands there (in the append's completion, before the extent can be sealed) and
 * unpins them all once its commit record is applied, or it failed. Each upload also has a
 * sequence number, so that a pass can tell whether every upload in flight when it began has
 * ended. Thread-safe.
 */
final class PinnedExtents implements UploadsInFlight {
  private final Map<ExtentId, Integer> pins = new HashMap<>();
  private final TreeSet<Long> inFlight = new TreeSet<>();
  private long next;

  /** Starts the pins of one upload. */
  synchronized Upload begin() {
    Upload u = new Upload(next++);
    inFlight.add(u.seq);
    return u;
  }

  /** For an upload to a stream garbage collection never takes (a multipart upload's own): pins nothing. */
  Upload none() {
    Upload u = new Upload(-1);
    u.ended = true;
    return u;
  }

  @Override
  public synchronized boolean pins(ExtentId extent) {
    return pins.containsKey(extent);
  }

  @Override
  public synchronized long mark() {
    return next;
  }

  @Override
  public synchronized boolean endedSince(long mark) {
    return inFlight.isEmpty() || inFlight.first() >= mark;
  }

  /** The pins of one upload. */
  final class Upload {
    private final List<ExtentId> held = new ArrayList<>();
    private final long seq;
    private boolean ended;

    private Upload(long seq) {
      this.seq = seq;
    }

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
        inFlight.remove(seq);
        for (ExtentId e : held) {
          pins.computeIfPresent(e, (k, n) -> n == 1 ? null : n - 1);
        }
        held.clear();
      }
    }
  }
}
