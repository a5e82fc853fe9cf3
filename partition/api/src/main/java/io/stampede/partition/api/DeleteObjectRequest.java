package io.stampede.partition.api;

import java.util.Optional;

/**
 * A DeleteObject. Without {@code versionId}: in an unversioned bucket the object is removed; with
 * versioning ENABLED a delete marker becomes the current version; SUSPENDED puts a "null" delete
 * marker in place of the "null" version. With {@code versionId} that version is removed for good.
 * {@code ifMatch} (unquoted ETag) requires the current version to have it.
 */
public record DeleteObjectRequest(
    String bucket, String key, String versionId, Versioning versioning, Optional<String> ifMatch) {
  public DeleteObjectRequest {
    versionId = versionId == null ? "" : versionId;
  }

  public static DeleteObjectRequest of(String bucket, String key) {
    return new DeleteObjectRequest(bucket, key, "", Versioning.UNVERSIONED, Optional.empty());
  }

  public DeleteObjectRequest withBucket(String newBucket) {
    return new DeleteObjectRequest(newBucket, key, versionId, versioning, ifMatch);
  }
}
