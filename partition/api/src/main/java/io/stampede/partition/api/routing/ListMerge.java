package io.stampede.partition.api.routing;

import io.stampede.common.key.IndexKey;
import io.stampede.partition.api.ListObjectsQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pages of one listing (of objects, versions or uploads) from consecutive range partitions,
 * merged into one page. A common prefix whose keys straddle a range boundary is reported once.
 */
final class ListMerge<T> {
  private final ListObjectsQuery query;
  private final Function<T, String> keyOf;
  private final List<T> entries = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private String lastPrefix;
  boolean truncated;

  ListMerge(ListObjectsQuery query, Function<T, String> keyOf) {
    this.query = query;
    this.keyOf = keyOf;
  }

  void add(List<T> pageEntries, List<String> pagePrefixes) {
    for (String p : pagePrefixes) {
      if (!p.equals(lastPrefix)) {
        prefixes.add(p);
        lastPrefix = p;
      }
    }
    entries.addAll(pageEntries);
  }

  /** Whether the last entry so far, in key order, is a common prefix. */
  private boolean lastIsPrefix() {
    return lastPrefix != null
        && (entries.isEmpty() || IndexKey.compare(lastPrefix, keyOf.apply(entries.get(entries.size() - 1))) > 0);
  }

  int remaining() {
    return Math.max(0, query.maxKeys() - entries.size() - prefixes.size());
  }

  /** The query for the range partition that starts at {@code rangeLow}. */
  ListObjectsQuery next(String rangeLow) {
    String startAfter = lastIsPrefix() ? lastPrefix : query.startAfter();
    return query.continuing(startAfter, rangeLow, remaining());
  }

  List<T> entries() {
    return entries;
  }

  List<String> prefixes() {
    return prefixes;
  }
}
