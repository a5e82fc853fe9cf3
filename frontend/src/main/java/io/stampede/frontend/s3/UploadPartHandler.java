package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.VerifyingBody;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.vertx.core.Future;

/**
 * UploadPart: {@code PUT /bucket/key?partNumber=N&uploadId=U}. Streams the part, verified as a
 * PutObject body is, into the upload's own stream; answers its ETag.
 */
public final class UploadPartHandler implements S3Handler {
  private final S3Services services;

  public UploadPartHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "UploadPart";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    int partNumber = partNumber(request);
    UploadRef upload = uploadRef(request);
    long length = UploadBody.length(request);
    if (length > services.config().maxObjectBytes()) {
      return Future.failedFuture(S3Error.ENTITY_TOO_LARGE.exception());
    }
    VerifyingBody body = UploadBody.open(request, services, operation(), length);
    request.continueIfExpected();
    return services.partitions().uploadPart(new UploadPartRequest(upload, partNumber, length), body)
        .recover(err -> Future.failedFuture(body.failure() != null ? body.failure() : err))
        .compose(part -> {
          request.response().putHeader("ETag", ObjectHeaders.quote(part.etag()));
          return request.sendEmpty(200);
        });
  }

  /** The {@code partNumber} parameter: 1 to 10,000 (InvalidArgument otherwise). */
  static int partNumber(S3Request request) {
    String value = request.param("partNumber");
    try {
      int n = Integer.parseInt(value == null ? "" : value.trim());
      if (n >= 1 && n <= io.stampede.partition.api.ObjectPart.NUMBER_MAX) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw S3Error.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive");
  }

  static UploadRef uploadRef(S3Request request) {
    String id = request.param("uploadId");
    if (id == null || id.isEmpty()) {
      throw S3Error.NO_SUCH_UPLOAD.exception();
    }
    return new UploadRef(request.bucket(), request.key(), id);
  }
}
