package io.stampede.common.checksum;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The checksum S3 stores for an object made by a multipart upload, from its parts' checksums, and
 * the rules on which checksum types an upload may ask for (the "Checking object integrity" table
 * of the S3 User Guide):
 *
 * <pre>
 *   algorithm   FULL_OBJECT   COMPOSITE   default
 *   CRC64NVME   yes           no          FULL_OBJECT
 *   CRC32       yes           yes         COMPOSITE
 *   CRC32C      yes           yes         COMPOSITE
 *   SHA1        no            yes         COMPOSITE
 *   SHA256      no            yes         COMPOSITE
 * </pre>
 *
 * COMPOSITE is the algorithm's checksum over the concatenated binary part checksums, shown as
 * base64 + "-" + part count. FULL_OBJECT is the CRC of all the object's bytes, computed by
 * {@link CrcCombine} from the parts' CRCs and sizes. An upload created without an algorithm gets
 * a FULL_OBJECT CRC64NVME, as S3 gives every object.
 */
public final class PartChecksums {
  private PartChecksums() {}

  /** One part as its object uses it: its checksum (big-endian digest bytes) and size in bytes. */
  public record Part(byte[] checksum, long size) {
    public Part {
      Objects.requireNonNull(checksum);
      if (size < 0) {
        throw new IllegalArgumentException("negative part size " + size);
      }
    }

    /** A part whose checksum is stored base64-encoded. */
    public static Part ofBase64(String checksum, long size) {
      return new Part(Base64.getDecoder().decode(checksum), size);
    }
  }

  /** Whether S3 lets a multipart upload use {@code type} with {@code algorithm}. */
  public static boolean allows(ChecksumAlgorithm algorithm, ChecksumType type) {
    return type == ChecksumType.FULL_OBJECT ? CrcCombine.supports(algorithm) : algorithm != ChecksumAlgorithm.CRC64NVME;
  }

  /** The type an upload gets when it names only the algorithm. */
  public static ChecksumType defaultType(ChecksumAlgorithm algorithm) {
    return algorithm == ChecksumAlgorithm.CRC64NVME ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE;
  }

  /**
   * Why S3 refuses this combination, in its words (an InvalidRequest), or empty if allowed:
   * "The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm."
   */
  public static Optional<String> refusal(ChecksumAlgorithm algorithm, ChecksumType type) {
    return allows(algorithm, type)
        ? Optional.empty()
        : Optional.of("The " + type.name() + " checksum type cannot be used with the "
            + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
  }

  /**
   * The stored checksum of an object made of {@code parts}, in order. IllegalArgumentException if
   * the combination is not allowed, there are no parts, or a part's checksum has the wrong length.
   */
  public static StoredChecksum object(ChecksumAlgorithm algorithm, ChecksumType type, List<Part> parts) {
    refusal(algorithm, type).ifPresent(reason -> {
      throw new IllegalArgumentException(reason);
    });
    if (parts.isEmpty() || parts.size() > StoredChecksum.PARTS_MAX) {
      throw new IllegalArgumentException(parts.size() + " parts");
    }
    int width = StoredChecksum.digestBytes(algorithm);
    for (Part p : parts) {
      if (p.checksum().length != width) {
        throw new IllegalArgumentException(algorithm + " part checksum of " + p.checksum().length + " bytes");
      }
    }
    return type == ChecksumType.COMPOSITE ? composite(algorithm, parts) : fullObject(algorithm, parts);
  }

  private static StoredChecksum composite(ChecksumAlgorithm algorithm, List<Part> parts) {
    ChecksumAlgorithm.Digest d = algorithm.newDigest();
    for (Part p : parts) {
      d.update(p.checksum(), 0, p.checksum().length);
    }
    return StoredChecksum.composite(algorithm, d.value(), parts.size());
  }

  private static StoredChecksum fullObject(ChecksumAlgorithm algorithm, List<Part> parts) {
    CrcCombine crc = CrcCombine.of(algorithm);
    long combined = 0; // the CRC of no bytes
    for (Part p : parts) {
      combined = crc.combine(combined, crc.toLong(p.checksum()), p.size());
    }
    return StoredChecksum.fullObject(algorithm, crc.toBytes(combined));
  }
}
