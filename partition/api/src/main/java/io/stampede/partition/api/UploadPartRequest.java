package io.stampede.partition.api;

/** The metadata half of an UploadPart; {@code contentLength} bytes come as a stream beside it. */
public record UploadPartRequest(UploadRef upload, int partNumber, long contentLength) {
  public UploadPartRequest {
    if (partNumber < 1 || partNumber > ObjectPart.NUMBER_MAX) {
      throw new IllegalArgumentException("part number " + partNumber);
    }
  }

  public UploadPartRequest withBucket(String newBucket) {
    return new UploadPartRequest(upload.withBucket(newBucket), partNumber, contentLength);
  }
}
