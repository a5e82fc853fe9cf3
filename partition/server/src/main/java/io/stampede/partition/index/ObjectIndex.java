package io.stampede.partition.index;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The index of one range partition: index key to its latest {@link IndexEntry}, sorted by UTF-8
 * bytes. Tombstones stay (until checkpoints compact them) so a delete cannot be undone by an
 * older put completing late. Thread-safe.
 */
public final class ObjectIndex {
  /** The largest code point: every string starting with {@code p} sorts before {@code p + MAX}. */
  private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

  private final NavigableMap<String, IndexEntry> entries = new TreeMap<>(IndexKey::compare);

  /** Records {@code entry} unless a newer record (higher seq) of the key is already there. */
  public synchronized void apply(String indexKey, IndexEntry entry) {
    entries.merge(indexKey, entry, (old, neu) -> neu.seq() > old.seq() ? neu : old);
  }

  /** The live object at {@code indexKey}. */
  public synchronized Optional<IndexEntry> get(String indexKey) {
    IndexEntry e = entries.get(indexKey);
    return e == null || e.deleted() ? Optional.empty() : Optional.of(e);
  }

  public synchronized int liveCount() {
    return (int) entries.values().stream().filter(e -> !e.deleted()).count();
  }

  /** Lists, within {@code range}, as {@link ListObjectsQuery} describes; rangeHigh is the range's high bound. */
  public synchronized ListPage list(ListObjectsQuery q, KeyRange range) {
    String bucketStart = IndexKey.bucketStart(q.bucket());
    String prefixStart = bucketStart + q.prefix();
    String startAfterKey = bucketStart + q.startAfter();
    List<ObjectInfo> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    boolean truncated = false;
    String lastPrefix = null;
    String from = q.firstIndexKey();
    if (IndexKey.compare(from, range.low()) < 0) {
      from = range.low();
    }
    Map.Entry<String, IndexEntry> e = entries.ceilingEntry(from);
    while (e != null && range.contains(e.getKey()) && e.getKey().startsWith(prefixStart)) {
      String indexKey = e.getKey();
      String key = indexKey.substring(bucketStart.length());
      if (indexKey.equals(startAfterKey) || e.getValue().deleted()) {
        e = entries.higherEntry(indexKey);
        continue;
      }
      String rolled = rollUp(key, q.prefix(), q.delimiter());
      if (rolled != null && (rolled.equals(q.startAfter()) || rolled.equals(lastPrefix))) {
        e = skipPrefix(bucketStart + rolled, indexKey);
        continue;
      }
      if (objects.size() + prefixes.size() >= q.maxKeys()) {
        truncated = true;
        break;
      }
      if (rolled != null) {
        prefixes.add(rolled);
        lastPrefix = rolled;
        e = skipPrefix(bucketStart + rolled, indexKey);
      } else {
        objects.add(e.getValue().info());
        e = entries.higherEntry(indexKey);
      }
    }
    return new ListPage(objects, prefixes, truncated, range.high());
  }

  /** The first entry after every key starting with {@code prefix}; always past {@code current}. */
  private Map.Entry<String, IndexEntry> skipPrefix(String prefix, String current) {
    Map.Entry<String, IndexEntry> next = entries.ceilingEntry(prefix + MAX_CODE_POINT);
    while (next != null && next.getKey().startsWith(prefix)) {
      next = entries.higherEntry(next.getKey());
    }
    return next != null && IndexKey.compare(next.getKey(), current) <= 0 ? entries.higherEntry(current) : next;
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
