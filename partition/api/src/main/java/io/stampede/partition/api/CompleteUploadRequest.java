package io.stampede.partition.api;

import java.util.List;

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
   * A part the client names: its number, (unquoted) ETag, and optionally ("" if not) the base64
   * checksum of the upload's algorithm it computed for the part (INVALID_PART if it differs).
   */
  public record Selected(int partNumber, String etag, String checksum) {}
}
