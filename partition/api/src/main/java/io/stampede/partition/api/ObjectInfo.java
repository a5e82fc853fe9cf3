package io.stampede.partition.api;

import io.stampede.common.checksum.StoredChecksum;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One version of an object as stored in its partition's index. {@code etag} is the unquoted hex
 * MD5 of the bytes (for a multipart object, the MD5 of its parts' MD5s, then "-" and the part
 * count). {@code headers} keeps the system headers S3 returns as stored (Cache-Control,
 * Content-Disposition, Content-Encoding, Content-Language, Expires), keyed by their canonical
 * names; {@code userMetadata} keeps {@code x-amz-meta-*} with the prefix removed, names in lower
 * case. {@code versionId} is {@link #NULL_VERSION} for a version written while versioning was
 * never enabled or suspended. A delete marker has no bytes. {@code partsCount} is 0 unless the
 * version was made by a multipart upload. {@code latest} says, in answers, whether this version
 * is the key's current one.
 */
public record ObjectInfo(
    String bucket,
    String key,
    long size,
    String etag,
    long lastModifiedMs,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata,
    String versionId,
    boolean deleteMarker,
    Optional<StoredChecksum> checksum,
    Map<String, String> tags,
    int partsCount,
    boolean latest) {
  /** The version id of a version written without versioning. */
  public static final String NULL_VERSION = "null";

  public ObjectInfo {
    headers = Map.copyOf(headers);
    userMetadata = Map.copyOf(new TreeMap<>(userMetadata));
    tags = Map.copyOf(tags);
    Objects.requireNonNull(versionId);
    Objects.requireNonNull(checksum);
  }

  /** An unversioned object with no stored checksum, tags or parts. */
  public ObjectInfo(String bucket, String key, long size, String etag, long lastModifiedMs, String contentType,
      Map<String, String> headers, Map<String, String> userMetadata) {
    this(bucket, key, size, etag, lastModifiedMs, contentType, headers, userMetadata, NULL_VERSION, false,
        Optional.empty(), Map.of(), 0, true);
  }

  public ObjectInfo withLatest(boolean isLatest) {
    return isLatest == latest ? this : new ObjectInfo(bucket, key, size, etag, lastModifiedMs, contentType, headers,
        userMetadata, versionId, deleteMarker, checksum, tags, partsCount, isLatest);
  }

  public ObjectInfo withTags(Map<String, String> newTags) {
    return new ObjectInfo(bucket, key, size, etag, lastModifiedMs, contentType, headers, userMetadata, versionId,
        deleteMarker, checksum, newTags, partsCount, latest);
  }

  /** A delete marker for {@code bucket/key}. */
  public static ObjectInfo deleteMarker(String bucket, String key, String versionId, long nowMs) {
    return new ObjectInfo(bucket, key, 0, "", nowMs, "", Map.of(), Map.of(), versionId, true, Optional.empty(),
        Map.of(), 0, true);
  }

  public ObjectInfo withBucket(String newBucket) {
    return new ObjectInfo(newBucket, key, size, etag, lastModifiedMs, contentType, headers, userMetadata, versionId,
        deleteMarker, checksum, tags, partsCount, latest);
  }
}
