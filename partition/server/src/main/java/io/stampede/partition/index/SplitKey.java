package io.stampede.partition.index;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The median live key of an index, cached: a walk over half the keys, done again only once more
 * than a tenth of its live keys changed (so about five steps of walk per change, amortized).
 * Guarded by the index's lock.
 */
final class SplitKey {
  private long changes = Long.MAX_VALUE / 2;
  private Optional<String> cached = Optional.empty();

  void changed() {
    changes++;
  }

  Optional<String> get(NavigableMap<String, List<ObjectVersion>> versions, long liveKeys) {
    if (changes > liveKeys / 10) {
      cached = compute(versions, liveKeys);
      changes = 0;
    }
    return cached;
  }

  /** The live key with {@code liveKeys / 2} live keys below it (so at least one). */
  private static Optional<String> compute(NavigableMap<String, List<ObjectVersion>> versions, long liveKeys) {
    if (liveKeys < 2) {
      return Optional.empty();
    }
    long below = 0;
    Iterator<Map.Entry<String, List<ObjectVersion>>> it = versions.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, List<ObjectVersion>> e = it.next();
      if (e.getValue().get(0).deleteMarker()) {
        continue;
      }
      if (below == liveKeys / 2) {
        return Optional.of(e.getKey());
      }
      below++;
    }
    return Optional.empty();
  }
}
