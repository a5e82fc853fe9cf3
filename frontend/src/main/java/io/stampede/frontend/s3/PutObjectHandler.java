package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AclHeaders;
import io.stampede.frontend.acl.AclResource;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.VerifyingBody;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.Versioning;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Optional;

/**
 * PutObject: streams the body ({@link UploadBody}: decoded and verified on the way) straight into
 * the partition layer. A failed verification fails the stream, so nothing is stored.
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
    Map<String, String> meta = ObjectHeaders.userMetadata(headers);
    if (ObjectHeaders.metadataBytes(meta) > ObjectHeaders.MAX_USER_METADATA_BYTES) {
      return Future.failedFuture(S3Error.METADATA_TOO_LARGE.exception());
    }
    AclHeaders.check(headers, AclResource.OBJECT, request.bucketOwner(), services.config().users());
    long length = UploadBody.length(request);
    if (length > services.config().maxObjectBytes()) {
      return Future.failedFuture(S3Error.ENTITY_TOO_LARGE.exception());
    }
    VerifyingBody body = UploadBody.open(request, services, operation(), length);
    String type = headers.get("Content-Type");
    PutObjectRequest put = new PutObjectRequest(request.bucket(), request.key(), length,
        type == null || type.isEmpty() ? ObjectHeaders.DEFAULT_CONTENT_TYPE : type,
        ObjectHeaders.storedHeaders(headers), meta, Map.of(), Versioning.UNVERSIONED, WriteConditions.of(request),
        Optional.empty());
    request.continueIfExpected();
    return services.partitions().putObject(put, body)
        .recover(err -> Future.failedFuture(body.failure() != null ? body.failure() : err))
        .compose(info -> {
          request.response().putHeader("ETag", ObjectHeaders.quote(info.etag()));
          return request.sendEmpty(200);
        });
  }
}
