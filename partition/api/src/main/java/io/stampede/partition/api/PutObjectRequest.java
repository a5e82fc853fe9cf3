package io.stampede.partition.api;

import java.util.Map;

/**
 * The metadata half of a PutObject; the bytes come as a stream beside it. {@code contentLength}
 * is the exact number of object bytes the stream will deliver (after any aws-chunked decoding).
 */
public record PutObjectRequest(
    String bucket,
    String key,
    long contentLength,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata) {
  public PutObjectRequest {
    headers = Map.copyOf(headers);
    userMetadata = Map.copyOf(userMetadata);
  }
}
