package io.stampede.partition.index;

import io.stampede.partition.api.ObjectInfo;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;

/**
 * The latest commit-log record of one key: an object (its metadata and the blob blocks holding
 * its bytes, in order) or a tombstone ({@code info} null). {@code seq} orders records of the
 * same range partition as the commit log does, so a late completion never overwrites a newer one.
 */
public record IndexEntry(ObjectInfo info, List<ExtentPointer> blob, long seq) {
  public IndexEntry {
    blob = List.copyOf(blob);
  }

  public static IndexEntry object(ObjectInfo info, List<ExtentPointer> blob, long seq) {
    return new IndexEntry(info, blob, seq);
  }

  public static IndexEntry tombstone(long seq) {
    return new IndexEntry(null, List.of(), seq);
  }

  public boolean deleted() {
    return info == null;
  }
}
