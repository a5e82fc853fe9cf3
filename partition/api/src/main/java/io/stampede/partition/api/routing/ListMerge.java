package io.stampede.partition.api.routing;

import io.stampede.common.key.IndexKey;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages of one listing from consecutive range partitions, merged into one page. A common prefix
 * whose keys straddle a range boundary is reported once.
 */
final class ListMerge {
  private final ListObjectsQuery query;
  private final List<ObjectInfo> objects = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private String lastPrefix;

  ListMerge(ListObjectsQuery query) {
    this.query = query;
  }

  void add(ListPage page) {
    for (String p : page.commonPrefixes()) {
      if (!p.equals(lastPrefix)) {
        prefixes.add(p);
        lastPrefix = p;
      }
    }
    objects.addAll(page.objects());
  }

  /** Whether the last entry so far, in key order, is a common prefix. */
  private boolean lastIsPrefix() {
    return lastPrefix != null
        && (objects.isEmpty() || IndexKey.compare(lastPrefix, objects.get(objects.size() - 1).key()) > 0);
  }

  int remaining() {
    return Math.max(0, query.maxKeys() - objects.size() - prefixes.size());
  }

  /** The query for the range partition that starts at {@code rangeLow}. */
  ListObjectsQuery next(String rangeLow) {
    String startAfter = lastIsPrefix() ? lastPrefix : query.startAfter();
    return query.continuing(startAfter, rangeLow, remaining());
  }

  ListPage result(boolean truncated) {
    return new ListPage(objects, prefixes, truncated, "");
  }
}
