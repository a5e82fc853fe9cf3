package io.stampede.partition.index;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.stream.api.ExtentPointer;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The content of an {@link ObjectIndex} at one commit-log position, detached from it: per index
 * key its versions (newest first) and its uploads in progress (in order of initiation), the
 * pointer of the last commit-log record of the range's own log it includes ({@code position};
 * empty: none), how many such records, the streams freed by included records that may not
 * have been deleted yet, and the key spaces of deleted buckets closed in the range. Immutable
 * once made.
 */
public record IndexSnapshot(NavigableMap<String, List<ObjectVersion>> versions,
    NavigableMap<String, List<StoredUpload>> uploads, Optional<ExtentPointer> position, long records,
    List<String> freedStreams, Set<String> closedBuckets) {
  public IndexSnapshot {
    versions = Collections.unmodifiableNavigableMap(versions);
    uploads = Collections.unmodifiableNavigableMap(uploads);
    freedStreams = List.copyOf(freedStreams);
    closedBuckets = Set.copyOf(closedBuckets);
  }

  /** A snapshot with no closed bucket. */
  public IndexSnapshot(NavigableMap<String, List<ObjectVersion>> versions,
      NavigableMap<String, List<StoredUpload>> uploads, Optional<ExtentPointer> position, long records,
      List<String> freedStreams) {
    this(versions, uploads, position, records, freedStreams, Set.of());
  }

  public static IndexSnapshot empty() {
    return new IndexSnapshot(new TreeMap<>(IndexKey::compare), new TreeMap<>(IndexKey::compare), Optional.empty(), 0,
        List.of());
  }

  /**
   * Only the keys of {@code range} and the closed buckets whose key space overlaps it; position,
   * record count and freed streams are kept.
   */
  public IndexSnapshot cut(KeyRange range) {
    return new IndexSnapshot(new TreeMap<>(within(versions, range)), new TreeMap<>(within(uploads, range)), position,
        records, freedStreams, closedBuckets.stream().filter(b -> range.overlaps(KeySpaces.range(b)))
            .collect(Collectors.toSet()));
  }

  static <V> NavigableMap<String, V> within(NavigableMap<String, V> map, KeyRange range) {
    NavigableMap<String, V> tail = map.tailMap(range.low(), true);
    return range.unboundedAbove() ? tail : tail.headMap(range.high(), false);
  }
}
