package io.stampede.location.api.bucket;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * When noncurrent versions are removed for good: {@code noncurrentDays} after they stopped being
 * current, keeping the {@code newerNoncurrentVersions} newest noncurrent ones if set.
 */
public record NoncurrentVersionExpiration(int noncurrentDays, OptionalInt newerNoncurrentVersions) {
  public NoncurrentVersionExpiration {
    Objects.requireNonNull(newerNoncurrentVersions, "newerNoncurrentVersions");
    if (noncurrentDays < 1) {
      throw new IllegalArgumentException("noncurrentDays must be positive");
    }
  }
}
