package io.stampede.frontend.s3;

import io.stampede.partition.api.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import java.util.Optional;

/**
 * HeadObject: the GetObject headers without a body, of the current version or the one named,
 * under the same {@code If-*} preconditions.
 */
public final class HeadObjectHandler implements S3Handler {
  private final S3Services services;

  public HeadObjectHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "HeadObject";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String versionId = VersionIds.of(request);
    if (request.params().contains("partNumber")) {
      int partNumber = UploadPartHandler.partNumber(request);
      ObjectRef part = new ObjectRef(request.bucket(), request.key(), versionId, partNumber);
      return services.partitions().getObject(part, Optional.empty())
          .compose(read -> GetObjectHandler.sendHead(request, read, services.clock()));
    }
    ObjectRef ref = ObjectRef.version(request.bucket(), request.key(), versionId);
    return services.partitions().headObject(ref).compose(info -> {
      if (info.deleteMarker()) {
        return Future.failedFuture(VersionIds.deleteMarker(info, !versionId.isEmpty()));
      }
      Optional<Future<Void>> unmet = ReadPreconditions.unmet(request, info, services.clock());
      if (unmet.isPresent()) {
        return unmet.get();
      }
      ObjectHeaders.writeRead(request, info, true);
      return request.response().setStatusCode(200)
          .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(info.size()))
          .end();
    });
  }
}
