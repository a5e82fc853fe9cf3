package io.stampede.common.checksum;

import java.util.Objects;

/**
 * The checksum stored with an object: its algorithm, type and value as S3 shows it in
 * {@code x-amz-checksum-<algorithm>} (base64, with "-{@code parts}" for a composite).
 */
public record StoredChecksum(ChecksumAlgorithm algorithm, ChecksumType type, String value) {
  public StoredChecksum {
    Objects.requireNonNull(algorithm);
    Objects.requireNonNull(type);
    Objects.requireNonNull(value);
  }

  public static StoredChecksum fullObject(ChecksumAlgorithm algorithm, byte[] digest) {
    return new StoredChecksum(algorithm, ChecksumType.FULL_OBJECT, java.util.Base64.getEncoder().encodeToString(digest));
  }
}
