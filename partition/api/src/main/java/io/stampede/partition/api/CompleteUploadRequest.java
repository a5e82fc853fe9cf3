package io.stampede.partition.api;

import io.stampede.common.checksum.ChecksumAlgorithm;
import java.util.List;
import java.util.Optional;

/**
 * A CompleteMultipartUpload: the parts, in the client's order, each with the ETag the client
 * got for it. Every part but the last must hold at least {@code partBytesMin} bytes
 * (ENTITY_TOO_SMALL). {@code versioning} and {@code condition} as for a PutObject.
 */
public record CompleteUploadRequest(
    UploadRef upload, List<Selected> parts, long partBytesMin, Versioning versioning, WriteCondition condition) {
  public CompleteUploadRequest {
    parts = List.copyOf(parts);
  }

  /**
   * A part the client names: its number, (unquoted) ETag, and optionally the base64 checksum it
   * computed for the part; when that is of the upload's algorithm it must match (INVALID_PART).
   */
  public record Selected(int partNumber, String etag, Optional<ChecksumAlgorithm> checksumAlgorithm, String checksum) {
    public Selected(int partNumber, String etag) {
      this(partNumber, etag, Optional.empty(), "");
    }
  }

  public CompleteUploadRequest withBucket(String newBucket) {
    return new CompleteUploadRequest(upload.withBucket(newBucket), parts, partBytesMin, versioning, condition);
  }
}
