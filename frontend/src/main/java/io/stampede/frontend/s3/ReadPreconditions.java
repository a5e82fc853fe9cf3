package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.http.Preconditions;
import io.stampede.partition.api.ObjectInfo;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code If-*} preconditions of GetObject and HeadObject: 304 Not Modified with the object's
 * ETag and Last-Modified and no body, or 412 PreconditionFailed (an error document for GET, bare
 * for HEAD, as the failure handler renders every HEAD error).
 */
final class ReadPreconditions {
  private ReadPreconditions() {}

  /** Empty when the read goes on; otherwise the answer, already under way. */
  static Optional<Future<Void>> unmet(S3Request request, ObjectInfo info, Clock clock) {
    Preconditions conditions = Preconditions.ofRequest(request.http().headers());
    if (!conditions.any()) {
      return Optional.empty();
    }
    return switch (conditions.evaluate(info.etag(), info.lastModifiedMs(), clock.millis())) {
      case PASS -> Optional.empty();
      case NOT_MODIFIED -> Optional.of(notModified(request, info));
      case PRECONDITION_FAILED -> Optional.of(Future.failedFuture(S3Error.PRECONDITION_FAILED.exception()));
    };
  }

  private static Future<Void> notModified(S3Request request, ObjectInfo info) {
    HttpServerResponse response = request.response();
    response.putHeader("ETag", ObjectHeaders.quote(info.etag()))
        .putHeader("Last-Modified", HttpDates.rfc1123(info.lastModifiedMs()));
    if (!ObjectInfo.NULL_VERSION.equals(info.versionId())) {
      response.putHeader("x-amz-version-id", info.versionId());
    }
    return response.setStatusCode(304).end();
  }
}
