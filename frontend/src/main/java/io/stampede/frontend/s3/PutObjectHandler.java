package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.acl.AclHeaders;
import io.stampede.frontend.acl.AclResource;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.VerifyingBody;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.Versioning;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Optional;

/**
 * PutObject: streams the body ({@link UploadBody}: decoded and verified on the way) straight into
 * the partition layer. A failed verification fails the stream, so nothing is stored. The new
 * version follows the bucket's versioning ({@code x-amz-version-id} in the answer), carries the
 * {@code x-amz-tagging} tags, and stores the checksum of the algorithm the client chose, which
 * the answer returns.
 */
public final class PutObjectHandler implements S3Handler {
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
    Map<String, String> meta = ObjectHeaders.newObjectMetadata(headers);
    AclHeaders.check(headers, AclResource.OBJECT, request.bucketOwner(), services.config().users());
    long length = UploadBody.length(request);
    if (length > services.config().maxObjectBytes()) {
      return Future.failedFuture(S3Error.ENTITY_TOO_LARGE.exception());
    }
    Map<String, String> tags = ObjectTags.fromHeader(headers.get(ObjectTags.HEADER));
    Versioning versioning = VersionIds.state(request);
    VerifyingBody body = UploadBody.open(request, services, operation(), length);
    PutObjectRequest put = new PutObjectRequest(request.bucket(), request.key(), length,
        ObjectHeaders.contentType(headers),
        ObjectHeaders.storedHeaders(headers), meta, tags, versioning, WriteConditions.of(request),
        declaredChecksum(headers));
    request.continueIfExpected();
    return services.partitions().putObject(put, body)
        .recover(err -> Future.failedFuture(body.failure() != null ? body.failure() : err))
        .compose(info -> {
          HttpServerResponse response = request.response();
          response.putHeader("ETag", ObjectHeaders.quote(info.etag()));
          VersionIds.answer(response, info.versionId(), versioning);
          info.checksum().ifPresent(c -> c.responseHeaders().forEach(response::putHeader));
          return request.sendEmpty(200);
        });
  }

  /**
   * The checksum algorithm the client chose, so the stored checksum is the one it can check: the
   * one whose {@code x-amz-checksum-*} header it sent, else the one its trailer carries, else the
   * one {@code x-amz-sdk-checksum-algorithm} names. Empty: the partition layer's default.
   */
  static Optional<ChecksumAlgorithm> declaredChecksum(MultiMap headers) {
    for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
      if (headers.contains(alg.header())) {
        return Optional.of(alg);
      }
    }
    String trailer = headers.get("x-amz-trailer");
    if (trailer != null && !trailer.isBlank()) {
      Optional<ChecksumAlgorithm> alg = ChecksumAlgorithm.fromHeader(trailer.split(",")[0]);
      if (alg.isPresent()) {
        return alg;
      }
    }
    String named = headers.get("x-amz-sdk-checksum-algorithm");
    return named == null || named.isBlank() ? Optional.empty()
        : ChecksumAlgorithm.fromHeader(ChecksumAlgorithm.HEADER_PREFIX + named.trim());
  }
}
