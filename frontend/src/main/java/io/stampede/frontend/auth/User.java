package io.stampede.frontend.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One user of the stamp: the access key it signs with, its secret, and the identity S3 shows for
 * it. {@code canonicalId} is what S3 calls the canonical user id (64 hex characters; here the
 * SHA-256 of the access key, so it is stable across restarts and never stored); it names the
 * user in Owner elements and ACL grants. Buckets are owned by the access key in the location
 * service, and the canonical id follows from it.
 */
public record User(String accessKey, String secretKey, String canonicalId, String displayName) {
  /** Access keys sit inside the SigV4 Credential (split on '/') and Authorization (split on ','). */
  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9._@+=-]{1,128}");
  static final int SECRET_CHARS_MAX = 256;
  static final int DISPLAY_NAME_CHARS_MAX = 128;

  public User {
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(canonicalId, "canonicalId");
    Objects.requireNonNull(displayName, "displayName");
    if (!ACCESS_KEY.matcher(accessKey).matches()) {
      throw new IllegalArgumentException(
          "an access key is 1 to 128 of the characters A-Z a-z 0-9 . _ @ + = -, got '" + accessKey + "'");
    }
    if (secretKey.isEmpty() || secretKey.length() > SECRET_CHARS_MAX || secretKey.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("the secret of '" + accessKey + "' must be 1 to " + SECRET_CHARS_MAX
          + " characters without spaces");
    }
    if (displayName.isBlank() || displayName.length() > DISPLAY_NAME_CHARS_MAX
        || displayName.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the display name of '" + accessKey + "' must be 1 to "
          + DISPLAY_NAME_CHARS_MAX + " printable characters");
    }
  }

  /** A user whose canonical id is derived from its access key. */
  public static User of(String accessKey, String secretKey, String displayName) {
    return new User(accessKey, secretKey, canonicalIdOf(accessKey), displayName);
  }

  /** A user named after its access key. */
  public static User of(String accessKey, String secretKey) {
    return of(accessKey, secretKey, accessKey);
  }

  /** The canonical user id of an access key: 64 lower-case hex characters, like S3's. */
  public static String canonicalIdOf(String accessKey) {
    return SigV4.sha256Hex("stampede-user:" + accessKey);
  }

  /** How S3 shows this user. */
  public Owner owner() {
    return new Owner(canonicalId, displayName);
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "User[" + accessKey + ", " + displayName + ", " + canonicalId + "]";
  }
}
