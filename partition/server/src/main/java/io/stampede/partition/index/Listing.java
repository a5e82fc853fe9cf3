package io.stampede.partition.index;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ListObjectsQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The S3 listing walk over a sorted map of index keys, shared by ListObjects, ListObjectVersions
 * and ListMultipartUploads: prefix, start-after (key marker), delimiter roll-up into common
 * prefixes, and max-keys counting entries plus prefixes. Each key yields zero or more entries;
 * a key yielding none is neither listed nor rolled up.
 */
final class Listing {
  /** The largest code point: every string starting with {@code p} sorts before {@code p + MAX}. */
  private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

  private Listing() {}

  /** The entries of one key; {@code marker} is true for the key marker itself (with a version-id marker). */
  interface Entries<V, T> {
    List<T> of(String key, V value, boolean marker);
  }

  record Result<T>(List<T> entries, List<String> prefixes, boolean truncated) {}

  static <V, T> Result<T> walk(ListObjectsQuery q, KeyRange range, NavigableMap<String, V> map, Entries<V, T> entriesOf) {
    String bucketStart = IndexKey.bucketStart(q.bucket());
    String prefixStart = bucketStart + q.prefix();
    String markerKey = bucketStart + q.startAfter();
    boolean versionMarker = !q.versionIdMarker().isEmpty();
    List<T> entries = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String lastPrefix = null;
    String from = q.firstIndexKey();
    if (IndexKey.compare(from, range.low()) < 0) {
      from = range.low();
    }
    Map.Entry<String, V> e = map.ceilingEntry(from);
    while (e != null && range.contains(e.getKey()) && e.getKey().startsWith(prefixStart)) {
      String indexKey = e.getKey();
      String key = indexKey.substring(bucketStart.length());
      boolean atMarker = indexKey.equals(markerKey);
      List<T> items = atMarker && !versionMarker ? List.of() : entriesOf.of(key, e.getValue(), atMarker);
      if (items.isEmpty()) {
        e = map.higherEntry(indexKey);
        continue;
      }
      String rolled = rollUp(key, q.prefix(), q.delimiter());
      if (rolled != null && (rolled.equals(q.startAfter()) || rolled.equals(lastPrefix))) {
        e = skipPrefix(map, bucketStart + rolled, indexKey);
        continue;
      }
      int room = q.maxKeys() - entries.size() - prefixes.size();
      if (room <= 0) {
        return new Result<>(entries, prefixes, true);
      }
      if (rolled != null) {
        prefixes.add(rolled);
        lastPrefix = rolled;
        e = skipPrefix(map, bucketStart + rolled, indexKey);
      } else if (items.size() > room) {
        entries.addAll(items.subList(0, room));
        return new Result<>(entries, prefixes, true);
      } else {
        entries.addAll(items);
        e = map.higherEntry(indexKey);
      }
    }
    return new Result<>(entries, prefixes, false);
  }

  /** The first entry after every key starting with {@code prefix}; always past {@code current}. */
  private static <V> Map.Entry<String, V> skipPrefix(NavigableMap<String, V> map, String prefix, String current) {
    Map.Entry<String, V> next = map.ceilingEntry(prefix + MAX_CODE_POINT);
    while (next != null && next.getKey().startsWith(prefix)) {
      next = map.higherEntry(next.getKey());
    }
    return next != null && IndexKey.compare(next.getKey(), current) <= 0 ? map.higherEntry(current) : next;
  }

  /** The common prefix {@code key} rolls up into, or null when it lists as an object. */
  static String rollUp(String key, String prefix, String delimiter) {
    if (delimiter.isEmpty()) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }
}
