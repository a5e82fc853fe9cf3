package io.stampede.partition.range;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.PartChecksums;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.index.UploadState;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a CompleteMultipartUpload against the upload's stored parts, as S3 does, and computes
 * the object it makes: size, ETag ({@code hex(md5(md5(part 1) .. md5(part N)))-N}) and checksum.
 */
final class UploadCompletion {
  private UploadCompletion() {}

  /** The parts the completion names, in order, once every S3 rule holds. */
  static List<ObjectPart> selectedParts(UploadState upload, CompleteUploadRequest request) {
    if (request.parts().isEmpty()) {
      throw new PartitionException(PartitionErrorCode.BAD_REQUEST, "no parts named");
    }
    List<ObjectPart> parts = new ArrayList<>();
    int previous = 0;
    for (CompleteUploadRequest.Selected s : request.parts()) {
      if (s.partNumber() <= previous) {
        throw new PartitionException(PartitionErrorCode.INVALID_PART_ORDER,
            "part " + s.partNumber() + " after part " + previous);
      }
      previous = s.partNumber();
      ObjectPart stored = upload.parts().get(s.partNumber());
      boolean checksumMatters = s.checksumAlgorithm().isPresent()
          && s.checksumAlgorithm().equals(upload.info().checksumAlgorithm());
      if (stored == null || !stored.etag().equals(unquote(s.etag()))
          || (checksumMatters && !s.checksum().equals(stored.checksum()))) {
        throw new PartitionException(PartitionErrorCode.INVALID_PART,
            "part " + s.partNumber() + (stored == null ? " was not uploaded" : " has another ETag or checksum"));
      }
      parts.add(stored);
    }
    for (int i = 0; i < parts.size() - 1; i++) {
      if (parts.get(i).size() < request.partBytesMin()) {
        throw new PartitionException(PartitionErrorCode.ENTITY_TOO_SMALL,
            "part " + parts.get(i).partNumber() + " has " + parts.get(i).size() + " bytes, less than "
                + request.partBytesMin());
      }
    }
    return parts;
  }

  /** The multipart ETag (unquoted). */
  static String etag(List<ObjectPart> parts) {
    MessageDigest md5 = ChecksumAlgorithm.messageDigest("MD5");
    HexFormat hex = HexFormat.of();
    parts.forEach(p -> md5.update(hex.parseHex(p.etag())));
    return hex.formatHex(md5.digest()) + "-" + parts.size();
  }

  /**
   * The object's checksum from its parts' checksums, as {@link PartChecksums} computes it
   * (COMPOSITE: checksum of the part checksums, "-N"; FULL_OBJECT: the parts' CRCs combined);
   * empty if a part has no checksum.
   */
  static Optional<StoredChecksum> checksum(ChecksumAlgorithm algorithm, ChecksumType type, List<ObjectPart> parts) {
    if (parts.stream().anyMatch(p -> p.checksum().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(PartChecksums.object(algorithm, type,
        parts.stream().map(p -> PartChecksums.Part.ofBase64(p.checksum(), p.size())).toList()));
  }

  static String unquote(String etag) {
    String e = etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  /** The version the upload becomes. */
  static ObjectInfo info(UploadState upload, List<ObjectPart> parts, String versionId, long nowMs,
      Optional<StoredChecksum> checksum) {
    ObjectInfo t = upload.template();
    long size = parts.stream().mapToLong(ObjectPart::size).sum();
    return new ObjectInfo(t.bucket(), t.key(), size, etag(parts), nowMs, t.contentType(), t.headers(),
        t.userMetadata(), versionId, false, checksum, t.tags(), parts.size(), true);
  }
}
