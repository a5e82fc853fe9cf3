package io.stampede.frontend.s3;

import io.stampede.partition.api.ObjectRef;
import java.util.Optional;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import java.util.Optional;

/** HeadObject: the GetObject headers without a body, under the same {@code If-*} preconditions. */
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
    if (request.params().contains("partNumber")) {
      ObjectRef part = new ObjectRef(request.bucket(), request.key(), "", UploadPartHandler.partNumber(request));
      return services.partitions().getObject(part, Optional.empty())
          .compose(read -> GetObjectHandler.sendHead(request, read, services.clock()));
    }
    return services.partitions().headObject(request.bucket(), request.key()).compose(info -> {
      Optional<Future<Void>> unmet = ReadPreconditions.unmet(request, info, services.clock());
      if (unmet.isPresent()) {
        return unmet.get();
      }
      ObjectHeaders.write(request.response(), info, request.params());
      ObjectHeaders.writeChecksum(request.response(), info, request.http().headers(), true);
      return request.response().setStatusCode(200)
          .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(info.size()))
          .end();
    });
  }
}
