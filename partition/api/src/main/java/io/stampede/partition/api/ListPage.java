package io.stampede.partition.api;

import java.util.List;

/**
 * One page of a listing. {@code truncated} means more matching entries exist after the last one
 * returned. {@code rangeHigh} is the exclusive upper bound of the range partition that answered
 * ("" when it reaches the end of the key space); the routing client continues there. For a page
 * merged across ranges {@code rangeHigh} is meaningless and empty.
 */
public record ListPage(List<ObjectInfo> objects, List<String> commonPrefixes, boolean truncated, String rangeHigh) {
  public ListPage {
    objects = List.copyOf(objects);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
