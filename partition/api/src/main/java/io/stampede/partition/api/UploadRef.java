package io.stampede.partition.api;

/** Names one multipart upload. */
public record UploadRef(String bucket, String key, String uploadId) {
  public UploadRef withBucket(String newBucket) {
    return new UploadRef(newBucket, key, uploadId);
  }
}
