package io.stampede.partition.api;

import io.stampede.common.key.IndexKey;

/**
 * A listing of one bucket, S3 style. Objects and common prefixes come in UTF-8 byte order;
 * only keys starting with {@code prefix} and strictly after {@code startAfter} are listed. With a
 * {@code delimiter}, keys whose rest after the prefix contains it roll up into one common prefix;
 * when {@code startAfter} itself is such a common prefix, its keys are skipped. At most
 * {@code maxKeys} entries (objects plus common prefixes) are returned.
 *
 * <p>{@code fromIndexKey} (may be empty) is an inclusive lower bound in index-key space, used by
 * the routing client to continue a listing in the next range partition.
 *
 * <p>For ListObjectVersions and ListMultipartUploads, {@code startAfter} is the key marker and
 * {@code versionIdMarker} the version-id (or upload-id) marker: when set, the listing starts with
 * the key-marker's entries after that one instead of after the key.
 */
public record ListObjectsQuery(
    String bucket, String prefix, String delimiter, String startAfter, String fromIndexKey, int maxKeys,
    String versionIdMarker) {
  public ListObjectsQuery(
      String bucket, String prefix, String delimiter, String startAfter, String fromIndexKey, int maxKeys) {
    this(bucket, prefix, delimiter, startAfter, fromIndexKey, maxKeys, "");
  }

  public ListObjectsQuery {
    versionIdMarker = versionIdMarker == null ? "" : versionIdMarker;
    prefix = prefix == null ? "" : prefix;
    delimiter = delimiter == null ? "" : delimiter;
    startAfter = startAfter == null ? "" : startAfter;
    fromIndexKey = fromIndexKey == null ? "" : fromIndexKey;
    if (maxKeys < 0) {
      throw new IllegalArgumentException("maxKeys < 0");
    }
  }

  public static ListObjectsQuery of(String bucket, String prefix, String delimiter, String startAfter, int maxKeys) {
    return new ListObjectsQuery(bucket, prefix, delimiter, startAfter, "", maxKeys);
  }

  /**
   * The index key at which the listing starts (inclusive): the largest of the prefix's first key,
   * the startAfter key (itself excluded from the listing) and {@code fromIndexKey}. The range
   * partition containing it answers the query.
   */
  public String firstIndexKey() {
    String first = IndexKey.of(bucket, prefix);
    String after = IndexKey.of(bucket, startAfter);
    if (IndexKey.compare(after, first) > 0) {
      first = after;
    }
    return IndexKey.compare(fromIndexKey, first) > 0 ? fromIndexKey : first;
  }

  /** Whether some key at or after {@code indexKey} can still match the bucket and prefix. */
  public boolean mayMatchAtOrAfter(String indexKey) {
    String p = IndexKey.of(bucket, prefix);
    return indexKey.startsWith(p) || IndexKey.compare(indexKey, p) < 0;
  }

  public ListObjectsQuery withMaxKeys(int max) {
    return new ListObjectsQuery(bucket, prefix, delimiter, startAfter, fromIndexKey, max, versionIdMarker);
  }

  /** The query for the next range: the version-id marker only applies where its key marker is. */
  public ListObjectsQuery continuing(String startAfterKey, String fromIndex, int max) {
    String marker = startAfterKey.equals(startAfter) ? versionIdMarker : "";
    return new ListObjectsQuery(bucket, prefix, delimiter, startAfterKey, fromIndex, max, marker);
  }

  public ListObjectsQuery withBucket(String newBucket) {
    return new ListObjectsQuery(newBucket, prefix, delimiter, startAfter, fromIndexKey, maxKeys, versionIdMarker);
  }
}
