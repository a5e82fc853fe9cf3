package io.stampede.frontend.server;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.s3.DeleteBucketCorsHandler;
import io.stampede.frontend.s3.DeleteBucketLifecycleHandler;
import io.stampede.frontend.s3.DeleteBucketTaggingHandler;
import io.stampede.frontend.s3.GetBucketCorsHandler;
import io.stampede.frontend.s3.GetBucketLifecycleConfigurationHandler;
import io.stampede.frontend.s3.GetBucketTaggingHandler;
import io.stampede.frontend.s3.GetBucketVersioningHandler;
import io.stampede.frontend.s3.PutBucketCorsHandler;
import io.stampede.frontend.s3.PutBucketLifecycleConfigurationHandler;
import io.stampede.frontend.s3.PutBucketTaggingHandler;
import io.stampede.frontend.s3.PutBucketVersioningHandler;
import io.stampede.frontend.s3.S3Handler;
import io.stampede.frontend.s3.S3Services;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations on a bucket's settings sub-resources ({@code ?versioning}, {@code ?tagging},
 * {@code ?cors}, {@code ?lifecycle}), as a table of sub-resource and method. A sub-resource
 * named with a method it has no operation for is MethodNotAllowed.
 */
final class BucketSettingsOperations {
  private final Map<String, Map<HttpMethod, S3Handler>> table;

  BucketSettingsOperations(S3Services services) {
    table = Map.of(
        "versioning", Map.of(
            HttpMethod.GET, new GetBucketVersioningHandler(),
            HttpMethod.PUT, new PutBucketVersioningHandler(services)),
        "tagging", Map.of(
            HttpMethod.GET, new GetBucketTaggingHandler(),
            HttpMethod.PUT, new PutBucketTaggingHandler(services),
            HttpMethod.DELETE, new DeleteBucketTaggingHandler(services)),
        "cors", Map.of(
            HttpMethod.GET, new GetBucketCorsHandler(),
            HttpMethod.PUT, new PutBucketCorsHandler(services),
            HttpMethod.DELETE, new DeleteBucketCorsHandler(services)),
        "lifecycle", Map.of(
            HttpMethod.GET, new GetBucketLifecycleConfigurationHandler(),
            HttpMethod.PUT, new PutBucketLifecycleConfigurationHandler(services),
            HttpMethod.DELETE, new DeleteBucketLifecycleHandler(services)));
  }

  /** The operation when {@code subs} is exactly one settings sub-resource; empty otherwise. */
  Optional<S3Handler> select(HttpMethod method, Set<String> subs) {
    if (subs.size() != 1) {
      return Optional.empty();
    }
    Map<HttpMethod, S3Handler> byMethod = table.get(subs.iterator().next());
    if (byMethod == null) {
      return Optional.empty();
    }
    S3Handler handler = byMethod.get(method);
    if (handler == null) {
      throw S3Error.METHOD_NOT_ALLOWED.exception();
    }
    return Optional.of(handler);
  }
}
