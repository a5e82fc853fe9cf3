package io.stampede.frontend.s3;

import io.stampede.frontend.auth.Authentication;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.AwsChunkedDecoder;
import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.http.VerifyingBody;
import io.stampede.partition.api.PutObjectRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * PutObject: streams the body, decoded from aws-chunked when needed and verified on the way
 * (chunk signatures, trailer and header checksums, Content-MD5, payload SHA-256, length), straight
 * into the partition layer. A failed verification fails the stream, so nothing is stored.
 */
public final class PutObjectHandler implements S3Handler {
  static final int MAX_KEY_BYTES = 1024;
  private final S3Services services;

  public PutObjectHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "PutObject";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    MultiMap headers = request.http().headers();
    if (request.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      return Future.failedFuture(S3Error.KEY_TOO_LONG.exception());
    }
    Map<String, String> meta = ObjectHeaders.userMetadata(headers);
    if (ObjectHeaders.metadataBytes(meta) > ObjectHeaders.MAX_USER_METADATA_BYTES) {
      return Future.failedFuture(S3Error.METADATA_TOO_LARGE.exception());
    }
    Authentication auth = request.auth();
    long length = objectLength(headers, auth.payloadMode().chunked());
    if (length > services.config().maxObjectBytes()) {
      return Future.failedFuture(S3Error.ENTITY_TOO_LARGE.exception());
    }
    VerifyingBody body = new VerifyingBody(decoded(request, length), length,
        n -> services.metrics().bytesIn(operation(), n));
    addChecks(body, headers, auth);
    String type = headers.get("Content-Type");
    PutObjectRequest put = new PutObjectRequest(request.bucket(), request.key(), length,
        type == null || type.isEmpty() ? ObjectHeaders.DEFAULT_CONTENT_TYPE : type,
        ObjectHeaders.storedHeaders(headers), meta);
    request.continueIfExpected();
    return services.partitions().putObject(put, body)
        .recover(err -> Future.failedFuture(body.failure() != null ? body.failure() : err))
        .compose(info -> {
          request.response().putHeader("ETag", ObjectHeaders.quote(info.etag()));
          return request.sendEmpty(200);
        });
  }

  static long objectLength(MultiMap headers, boolean chunked) {
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

  static ReadStream<Buffer> decoded(S3Request request, long length) {
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

  static void addChecks(VerifyingBody body, MultiMap headers, Authentication auth) {
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
