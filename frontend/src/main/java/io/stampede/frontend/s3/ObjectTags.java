package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.vertx.core.Future;
import java.util.Map;

/** Replacing a version's tags, as PutObjectTagging and DeleteObjectTagging do. */
final class ObjectTags {
  private ObjectTags() {}

  /**
   * Sets the tags of the version {@code ref} names. A delete marker has none: named by its id it
   * is MethodNotAllowed (405), as the current version the key has no object (NoSuchKey).
   */
  static Future<ObjectInfo> set(S3Services services, ObjectRef ref, Map<String, String> tags) {
    return services.partitions().setTags(ref, tags).recover(err -> {
      if (ref.versionId().isEmpty() && err instanceof PartitionException p
          && p.code() == PartitionErrorCode.METHOD_NOT_ALLOWED) {
        return Future.failedFuture(S3Error.NO_SUCH_KEY.exception());
      }
      return Future.failedFuture(err);
    });
  }
}
