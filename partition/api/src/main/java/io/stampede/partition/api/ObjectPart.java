package io.stampede.partition.api;

/**
 * One part of a multipart upload (or of the object it became): size, unquoted hex MD5 ETag, and
 * the base64 checksum of the upload's algorithm ("" when it has none).
 */
public record ObjectPart(int partNumber, long size, String etag, long lastModifiedMs, String checksum) {
  public static final int NUMBER_MAX = 10_000;
}
