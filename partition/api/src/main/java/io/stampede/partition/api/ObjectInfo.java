package io.stampede.partition.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * An object's metadata as stored in its partition's index. {@code etag} is the unquoted hex MD5
 * of the bytes. {@code headers} keeps the system headers S3 returns as stored (Cache-Control,
 * Content-Disposition, Content-Encoding, Content-Language, Expires), keyed by their canonical
 * names; {@code userMetadata} keeps {@code x-amz-meta-*} with the prefix removed, names in lower
 * case.
 */
public record ObjectInfo(
    String bucket,
    String key,
    long size,
    String etag,
    long lastModifiedMs,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata) {
  public ObjectInfo {
    headers = Map.copyOf(headers);
    userMetadata = Map.copyOf(new TreeMap<>(userMetadata));
  }
}
