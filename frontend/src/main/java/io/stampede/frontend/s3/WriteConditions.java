package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.partition.api.WriteCondition;
import java.util.Optional;

/**
 * The conditional-write headers of PutObject and CompleteMultipartUpload: {@code If-None-Match: *}
 * (create only if absent; S3 supports no other value there) and {@code If-Match: <etag>}
 * (replace only that version). The partition server checks them atomically with the write.
 */
final class WriteConditions {
  private WriteConditions() {}

  static WriteCondition of(S3Request request) {
    String ifNoneMatch = request.header("If-None-Match");
    String ifMatch = request.header("If-Match");
    if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
      throw S3Error.NOT_IMPLEMENTED.exception("If-None-Match on a write supports only '*'");
    }
    if (ifMatch != null && ifMatch.isBlank()) {
      throw S3Error.INVALID_ARGUMENT.exception("If-Match must name an ETag");
    }
    return new WriteCondition(Optional.ofNullable(ifMatch).map(String::trim), ifNoneMatch != null);
  }
}
