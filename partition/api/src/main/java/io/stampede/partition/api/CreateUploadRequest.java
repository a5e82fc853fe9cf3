package io.stampede.partition.api;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import java.util.Map;
import java.util.Optional;

/**
 * A CreateMultipartUpload: the metadata the completed object will carry, and the checksum
 * algorithm and type its parts are checked with (none: the completed object gets a full-object
 * CRC64NVME, as S3 does).
 */
public record CreateUploadRequest(
    String bucket, String key, String contentType, Map<String, String> headers, Map<String, String> userMetadata,
    Map<String, String> tags, Optional<ChecksumAlgorithm> checksumAlgorithm, ChecksumType checksumType) {
  public CreateUploadRequest {
    headers = Map.copyOf(headers);
    userMetadata = Map.copyOf(userMetadata);
    tags = Map.copyOf(tags);
  }

  public CreateUploadRequest withBucket(String newBucket) {
    return new CreateUploadRequest(newBucket, key, contentType, headers, userMetadata, tags, checksumAlgorithm,
        checksumType);
  }
}
