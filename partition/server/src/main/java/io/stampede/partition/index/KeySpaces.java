package io.stampede.partition.index;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;

/** A bucket's key space: the index keys {@code bucket/...}, from "bucket/" up to (not including) "bucket0". */
public final class KeySpaces {
  private KeySpaces() {}

  /** The bucket's key space as a key range. */
  public static KeyRange range(String bucket) {
    return KeyRange.of(IndexKey.bucketStart(bucket), IndexKey.bucketEnd(bucket));
  }
}
