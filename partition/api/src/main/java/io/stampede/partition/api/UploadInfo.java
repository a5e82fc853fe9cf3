package io.stampede.partition.api;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import java.util.Optional;

/** A multipart upload in progress: its key, id, when it was initiated, and its checksum choice. */
public record UploadInfo(
    String bucket, String key, String uploadId, long initiatedMs,
    Optional<ChecksumAlgorithm> checksumAlgorithm, ChecksumType checksumType) {
  public UploadInfo withBucket(String newBucket) {
    return new UploadInfo(newBucket, key, uploadId, initiatedMs, checksumAlgorithm, checksumType);
  }
}
