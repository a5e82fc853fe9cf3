package io.stampede.common.key;

/**
 * The stamp's key space: an object {@code key} in {@code bucket} lives at index key
 * {@code bucket + "/" + key}. Bucket names never contain '/', so every bucket's keys form one
 * contiguous run, and listing order is the order of UTF-8 bytes, as in S3.
 */
public final class IndexKey {
  public static final char SEPARATOR = '/';

  private IndexKey() {}

  public static String of(String bucket, String key) {
    return bucket + SEPARATOR + key;
  }

  /** The first index key of a bucket (the bucket's empty key, never an object). */
  public static String bucketStart(String bucket) {
    return bucket + SEPARATOR;
  }

  /** The first index key above every key of the bucket ('0' follows '/'). */
  public static String bucketEnd(String bucket) {
    return bucket + (char) (SEPARATOR + 1);
  }

  /** The object key part of an index key. */
  public static String objectKey(String indexKey) {
    return indexKey.substring(indexKey.indexOf(SEPARATOR) + 1);
  }

  public static String bucket(String indexKey) {
    return indexKey.substring(0, indexKey.indexOf(SEPARATOR));
  }

  /**
   * Compares by UTF-8 bytes (unsigned), which is code point order and differs from String order
   * for surrogate pairs, without encoding either string: at the first differing UTF-16 unit,
   * surrogates (code points above U+FFFF) move above U+E000..U+FFFF.
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(codePointRank(x), codePointRank(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int codePointRank(char c) {
    if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
      return c + 0x2000;
    }
    return c >= 0xE000 ? c - 0x800 : c;
  }
}
