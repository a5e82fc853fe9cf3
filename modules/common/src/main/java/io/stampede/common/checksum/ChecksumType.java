package io.stampede.common.checksum;

/**
 * How an object's stored checksum covers it: FULL_OBJECT is the checksum of all its bytes;
 * COMPOSITE (multipart objects only) is the checksum of its parts' checksums, shown with
 * "-{@code partCount}" after the base64 value.
 */
public enum ChecksumType {
  FULL_OBJECT,
  COMPOSITE
}
