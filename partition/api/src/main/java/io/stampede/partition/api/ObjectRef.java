package io.stampede.partition.api;

/**
 * Which object a read means: {@code versionId} empty for the key's current version, and
 * {@code partNumber} 0 for the whole object or the number of one part of a multipart object.
 */
public record ObjectRef(String bucket, String key, String versionId, int partNumber) {
  public ObjectRef {
    versionId = versionId == null ? "" : versionId;
    if (partNumber < 0) {
      throw new IllegalArgumentException("partNumber < 0");
    }
  }

  public static ObjectRef latest(String bucket, String key) {
    return new ObjectRef(bucket, key, "", 0);
  }

  public static ObjectRef version(String bucket, String key, String versionId) {
    return new ObjectRef(bucket, key, versionId, 0);
  }

  public ObjectRef withBucket(String newBucket) {
    return new ObjectRef(newBucket, key, versionId, partNumber);
  }
}
