package io.stampede.partition.index;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;

/** A bucket's key space: the index keys {@code bucket/...}, which sort from "bucket/" up to (not including) "bucket0". */
public final class KeySpaces {
  private KeySpaces() {}

  /** The bucket's key space as a key range. */
  public static KeyRange range(String bucket) {
    return KeyRange.of(IndexKey.bucketStart(bucket), IndexKey.bucketEnd(bucket));
  }

  /** Whether {@code indexKey} is a key of the bucket. */
  public static boolean contains(String bucket, String indexKey) {
    return IndexKey.compare(indexKey, IndexKey.bucketStart(bucket)) >= 0 && IndexKey.compare(indexKey, IndexKey.bucketEnd(bucket)) < 0;
  }

  /** Whether the range holds part of the bucket's key space. */
  public static boolean overlaps(KeyRange range, String bucket) {
    boolean startsBeforeItEnds = IndexKey.compare(range.low(), IndexKey.bucketEnd(bucket)) < 0;
    boolean endsAfterItStarts = range.unboundedAbove() || IndexKey.compare(range.high(), IndexKey.bucketStart(bucket)) > 0;
    return startsBeforeItEnds && endsAfterItStarts;
  }
}
