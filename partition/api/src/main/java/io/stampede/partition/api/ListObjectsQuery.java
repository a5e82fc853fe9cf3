package io.stampede.partition.api;

/**
 * A listing of one bucket, S3 style. Objects and common prefixes come in UTF-8 byte order;
 * only keys starting with {@code prefix} and strictly after {@code startAfter} are listed. With a
 * {@code delimiter}, keys whose rest after the prefix contains it roll up into one common prefix;
 * when {@code startAfter} itself is such a common prefix, its keys are skipped. At most
 * {@code maxKeys} entries (objects plus common prefixes) are returned.
 *
 * <p>{@code fromIndexKey} (may be empty) is an inclusive lower bound in index-key space, used by
 * the routing client to continue a listing in the next range partition.
 */
public record ListObjectsQuery(
    String bucket, String prefix, String delimiter, String startAfter, String fromIndexKey, int maxKeys) {
  public ListObjectsQuery withMaxKeys(int max) {
    return new ListObjectsQuery(bucket, prefix, delimiter, startAfter, fromIndexKey, max);
  }

  public ListObjectsQuery continuing(String startAfterKey, String fromIndex, int max) {
    return new ListObjectsQuery(bucket, prefix, delimiter, startAfterKey, fromIndex, max);
  }
}
