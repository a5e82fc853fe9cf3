package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.AwsChunkedDecoder;
import io.stampede.frontend.http.VerifyingBody;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The bytes of a PutObject or UploadPart as they go to the partition layer: decoded from
 * aws-chunked when needed and verified on the way (chunk signatures, trailer and header
 * checksums, Content-MD5, payload SHA-256, length). A failed verification fails the stream, so
 * nothing is stored.
 */
final class UploadBody {
  private UploadBody() {}

  /** The number of object bytes the request carries (after aws-chunked decoding). */
  static long length(S3Request request) {
    MultiMap headers = request.http().headers();
    boolean chunked = request.auth().payloadMode().chunked();
    String value = chunked ? headers.get("x-amz-decoded-content-length") : headers.get("Content-Length");
    if (value == null) {
      throw S3Error.MISSING_CONTENT_LENGTH.exception();
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw S3Error.INVALID_ARGUMENT.exception("bad content length '" + value + "'");
  }

  /** The request's body, {@code length} bytes, decoded and verified; counts bytes in as {@code operation}. */
  static VerifyingBody open(S3Request request, S3Services services, String operation, long length) {
    return open(request, length, n -> services.metrics().bytesIn(operation, n));
  }

  /** The request's body, {@code length} bytes, decoded and verified; {@code bytes} sees every chunk. */
  static VerifyingBody open(S3Request request, long length, LongConsumer bytes) {
    VerifyingBody body = new VerifyingBody(decoded(request, length), length, bytes);
    addChecks(body, request.http().headers(), request.auth());
    return body;
  }

  private static ReadStream<Buffer> decoded(S3Request request, long length) {
    Authentication auth = request.auth();
    if (!auth.payloadMode().chunked()) {
      return request.http();
    }
    Optional<ChecksumAlgorithm> trailer = Optional.empty();
    String declared = request.header("x-amz-trailer");
    if (declared != null && !declared.isBlank()) {
      trailer = ChecksumAlgorithm.fromHeader(declared.split(",")[0]);
      if (trailer.isEmpty()) {
        throw S3Error.INVALID_REQUEST.exception("unsupported x-amz-trailer '" + declared + "'");
      }
    }
    return new AwsChunkedDecoder(request.http(), auth.chunkSigner(), trailer, length);
  }

  private static void addChecks(VerifyingBody body, MultiMap headers, Authentication auth) {
    auth.payloadSha256().ifPresent(hex -> body.require(ChecksumAlgorithm.SHA256.newDigest(),
        HexFormat.of().parseHex(hex), S3Error.X_AMZ_CONTENT_SHA256_MISMATCH, "x-amz-content-sha256"));
    String md5 = headers.get("Content-MD5");
    if (md5 != null) {
      body.require(VerifyingBody.md5(), base64(md5, 16), S3Error.BAD_DIGEST, "Content-MD5");
    }
    for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
      String value = headers.get(alg.header());
      if (value != null) {
        int width = alg.newDigest().value().length;
        body.require(alg.newDigest(), base64(value, width), S3Error.BAD_DIGEST, alg.header());
      }
    }
  }

  private static byte[] base64(String value, int width) {
    try {
      byte[] bytes = Base64.getDecoder().decode(value.trim());
      if (bytes.length == width) {
        return bytes;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw S3Error.INVALID_DIGEST.exception();
  }
}
