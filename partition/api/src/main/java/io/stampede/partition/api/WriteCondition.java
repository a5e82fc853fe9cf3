package io.stampede.partition.api;

import java.util.Optional;

/**
 * A conditional write's precondition, checked atomically with the write: {@code ifMatch} (an
 * unquoted ETag) requires the key's current version to have it; {@code ifNoneMatch} requires the
 * key to have no current version (If-None-Match: *). Unmet: PRECONDITION_FAILED.
 */
public record WriteCondition(Optional<String> ifMatch, boolean ifNoneMatch) {
  public static final WriteCondition NONE = new WriteCondition(Optional.empty(), false);

  public boolean any() {
    return ifMatch.isPresent() || ifNoneMatch;
  }
}
