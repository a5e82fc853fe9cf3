package io.stampede.common.checksum;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The checksum stored with an object: its algorithm, type and value as S3 shows it in
 * {@code x-amz-checksum-<algorithm>}: the base64 of the big-endian digest, followed for a
 * COMPOSITE checksum by "-" and the part count ({@code "oLBC9A==-3"}). A FULL_OBJECT value has no
 * suffix. The constructor refuses anything else (IllegalArgumentException), so every instance
 * holds a digest of the algorithm's length.
 */
public record StoredChecksum(ChecksumAlgorithm algorithm, ChecksumType type, String value) {
  /** The response header naming the type. */
  public static final String TYPE_HEADER = "x-amz-checksum-type";
  /** Most parts a multipart upload may have, hence the largest composite suffix. */
  static final int PARTS_MAX = 10_000;

  public StoredChecksum {
    Objects.requireNonNull(algorithm);
    Objects.requireNonNull(type);
    Objects.requireNonNull(value);
    int dash = value.indexOf('-');
    if (type == ChecksumType.FULL_OBJECT && dash >= 0) {
      throw new IllegalArgumentException("a FULL_OBJECT checksum has no part count: " + value);
    }
    if (type == ChecksumType.COMPOSITE) {
      if (dash < 0) {
        throw new IllegalArgumentException("a COMPOSITE checksum ends in -<parts>: " + value);
      }
      parsePartCount(value.substring(dash + 1));
    }
    int length = decode(dash < 0 ? value : value.substring(0, dash)).length;
    if (length != digestBytes(algorithm)) {
      throw new IllegalArgumentException(algorithm + " digests have " + digestBytes(algorithm) + " bytes, not " + length);
    }
  }

  /** The checksum of a whole byte sequence (a PutObject, or a multipart upload's CRCs combined). */
  public static StoredChecksum fullObject(ChecksumAlgorithm algorithm, byte[] digest) {
    return new StoredChecksum(algorithm, ChecksumType.FULL_OBJECT, Base64.getEncoder().encodeToString(digest));
  }

  /** The checksum of {@code partCount} parts' checksums. */
  public static StoredChecksum composite(ChecksumAlgorithm algorithm, byte[] digest, int partCount) {
    return new StoredChecksum(algorithm, ChecksumType.COMPOSITE,
        Base64.getEncoder().encodeToString(digest) + "-" + partCount);
  }

  /**
   * Reads a stored checksum from its three stored strings: the algorithm and type names (as
   * {@link Enum#name()} writes them) and the value. IllegalArgumentException if any is invalid.
   */
  public static StoredChecksum parse(String algorithm, String type, String value) {
    return new StoredChecksum(ChecksumAlgorithm.valueOf(algorithm.trim().toUpperCase(Locale.ROOT)),
        ChecksumType.valueOf(type.trim().toUpperCase(Locale.ROOT)), value.trim());
  }

  /** The digest bytes (for a composite, the digest of the parts' digests). */
  public byte[] digest() {
    return decode(digestBase64());
  }

  /** The base64 digest without the part count: how GetObjectAttributes shows a composite checksum. */
  public String digestBase64() {
    int dash = value.indexOf('-');
    return dash < 0 ? value : value.substring(0, dash);
  }

  /** The number of parts a COMPOSITE checksum covers; empty for FULL_OBJECT. */
  public OptionalInt partCount() {
    int dash = value.indexOf('-');
    return dash < 0 ? OptionalInt.empty() : OptionalInt.of(parsePartCount(value.substring(dash + 1)));
  }

  /** The header carrying the value, e.g. {@code x-amz-checksum-crc32c}. */
  public String header() {
    return algorithm.header();
  }

  /**
   * The response headers of a GetObject or HeadObject asked for checksums
   * ({@code x-amz-checksum-mode: ENABLED}), and of the writes that stored it.
   */
  public Map<String, String> responseHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(header(), value);
    headers.put(TYPE_HEADER, type.name());
    return headers;
  }

  /** The length in bytes of the algorithm's digest. */
  public static int digestBytes(ChecksumAlgorithm algorithm) {
    return switch (algorithm) {
      case CRC32, CRC32C -> 4;
      case CRC64NVME -> 8;
      case SHA1 -> 20;
      case SHA256 -> 32;
    };
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  private static int parsePartCount(String digits) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("bad part count '" + digits + "'");
    }
    int n = Integer.parseInt(digits);
    if (n < 1 || n > PARTS_MAX) {
      throw new IllegalArgumentException("part count " + n + " outside 1.." + PARTS_MAX);
    }
    return n;
  }
}
