package io.stampede.partition.api;

import io.stampede.common.checksum.ChecksumAlgorithm;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata half of a PutObject; the bytes come as a stream beside it. {@code contentLength}
 * is the exact number of object bytes the stream will deliver (after any aws-chunked decoding).
 * The partition server computes and stores the {@code checksumAlgorithm} checksum of the bytes
 * (CRC64NVME when none is asked for, as S3 does).
 */
public record PutObjectRequest(
    String bucket,
    String key,
    long contentLength,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata,
    Map<String, String> tags,
    Versioning versioning,
    WriteCondition condition,
    Optional<ChecksumAlgorithm> checksumAlgorithm) {
  public PutObjectRequest {
    headers = Map.copyOf(headers);
    userMetadata = Map.copyOf(userMetadata);
    tags = Map.copyOf(tags);
  }

  /** An unconditional put into an unversioned bucket. */
  public PutObjectRequest(String bucket, String key, long contentLength, String contentType,
      Map<String, String> headers, Map<String, String> userMetadata) {
    this(bucket, key, contentLength, contentType, headers, userMetadata, Map.of(), Versioning.UNVERSIONED,
        WriteCondition.NONE, Optional.empty());
  }

  /** The same request for another bucket name (the partition layer's key space of it). */
  public PutObjectRequest withBucket(String newBucket) {
    return new PutObjectRequest(newBucket, key, contentLength, contentType, headers, userMetadata, tags, versioning,
        condition, checksumAlgorithm);
  }
}
