package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.Versioning;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * DeleteObject: 204 whether or not the key existed. Without {@code versionId} it removes the
 * object (unversioned bucket) or puts a delete marker on top (versioning enabled: a new one;
 * suspended: the "null" one); with it, that version goes for good. The answer says which version
 * it made or removed ({@code x-amz-version-id}) and whether that is a delete marker
 * ({@code x-amz-delete-marker: true}). {@code If-Match} makes it conditional on the current ETag.
 */
public final class DeleteObjectHandler implements S3Handler {
  private final S3Services services;

  public DeleteObjectHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "DeleteObject";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String ifMatch = request.header("If-Match");
    if (ifMatch != null && ifMatch.isBlank()) {
      return Future.failedFuture(S3Error.INVALID_ARGUMENT.exception("If-Match must name an ETag"));
    }
    Versioning state = VersionIds.state(request);
    DeleteObjectRequest delete = new DeleteObjectRequest(request.bucket(), request.key(), VersionIds.of(request),
        state, Optional.ofNullable(ifMatch).map(String::trim));
    return services.partitions().deleteObject(delete).compose(result -> answer(request, result, state));
  }

  private static Future<Void> answer(S3Request request, DeleteResult result, Versioning state) {
    if (result.deleteMarker()) {
      request.response().putHeader(VersionIds.DELETE_MARKER_HEADER, "true");
    }
    VersionIds.answer(request.response(), result.versionId(), state);
    return request.sendEmpty(204);
  }
}
