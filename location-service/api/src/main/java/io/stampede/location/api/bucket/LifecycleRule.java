package io.stampede.location.api.bucket;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One lifecycle rule: its unique {@code id}, whether it is applied, the objects it covers, and
 * its actions (at least one): expire current versions, expire noncurrent versions, abort
 * multipart uploads {@code abortIncompleteUploadDays} after they were initiated.
 */
public record LifecycleRule(
    String id,
    boolean enabled,
    LifecycleFilter filter,
    Optional<LifecycleExpiration> expiration,
    Optional<NoncurrentVersionExpiration> noncurrentVersionExpiration,
    OptionalInt abortIncompleteUploadDays) {
  /** The longest rule id S3 accepts. */
  public static final int ID_CHARS_MAX = 255;

  public LifecycleRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(expiration, "expiration");
    Objects.requireNonNull(noncurrentVersionExpiration, "noncurrentVersionExpiration");
    Objects.requireNonNull(abortIncompleteUploadDays, "abortIncompleteUploadDays");
    if (expiration.isEmpty() && noncurrentVersionExpiration.isEmpty() && abortIncompleteUploadDays.isEmpty()) {
      throw new IllegalArgumentException("a lifecycle rule needs an action");
    }
    if (abortIncompleteUploadDays.orElse(1) < 1) {
      throw new IllegalArgumentException("abortIncompleteUploadDays must be positive");
    }
  }

  long estimatedBytes() {
    return 4L * Sizes.OBJECT_BYTES + Sizes.of(id) + filter.estimatedBytes();
  }
}
