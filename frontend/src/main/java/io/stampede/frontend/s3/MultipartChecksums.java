package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.PartChecksums;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.xml.XmlWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * The checksum choice of a multipart upload, as CreateMultipartUpload declares it
 * ({@code x-amz-checksum-algorithm}, {@code x-amz-checksum-type}) and as S3 allows it: SHA-1 and
 * SHA-256 only COMPOSITE, CRC64NVME only FULL_OBJECT, CRC32 and CRC32C either (COMPOSITE unless
 * asked otherwise).
 */
record MultipartChecksums(Optional<ChecksumAlgorithm> algorithm, ChecksumType type) {
  static MultipartChecksums of(S3Request request) {
    String alg = request.header("x-amz-checksum-algorithm");
    String type = request.header("x-amz-checksum-type");
    if (alg == null || alg.isBlank()) {
      if (type != null) {
        throw S3Error.INVALID_REQUEST.exception("The x-amz-checksum-type header can only be used with the "
            + "x-amz-checksum-algorithm header.");
      }
      return new MultipartChecksums(Optional.empty(), ChecksumType.FULL_OBJECT);
    }
    ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromHeader(ChecksumAlgorithm.HEADER_PREFIX + alg.trim())
        .orElseThrow(() -> S3Error.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported. "
            + "Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
    ChecksumType t;
    if (type == null) {
      t = PartChecksums.defaultType(algorithm);
    } else {
      try {
        t = ChecksumType.valueOf(type.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw S3Error.INVALID_REQUEST.exception("Value for x-amz-checksum-type header is invalid.");
      }
    }
    PartChecksums.refusal(algorithm, t).ifPresent(reason -> {
      throw S3Error.INVALID_REQUEST.exception(reason);
    });
    return new MultipartChecksums(Optional.of(algorithm), t);
  }

  /** The XML element naming one checksum, e.g. ChecksumCRC32C. */
  static String element(ChecksumAlgorithm algorithm) {
    return "Checksum" + algorithm.name();
  }

  /** Writes {@code <ChecksumXxx>value</ChecksumXxx>} when there is a value. */
  static void write(XmlWriter xml, ChecksumAlgorithm algorithm, String value) {
    if (!value.isEmpty()) {
      xml.element(element(algorithm), value);
    }
  }
}
