package io.stampede.frontend.auth;

import java.util.Objects;

/**
 * How S3 shows who owns a bucket or object, or who is granted access to one: the canonical user
 * id (64 hex characters) and the display name.
 */
public record Owner(String id, String displayName) {
  public Owner {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
  }
}
