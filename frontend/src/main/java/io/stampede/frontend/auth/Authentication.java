package io.stampede.frontend.auth;

import java.util.Optional;

/**
 * A verified request: who signed it and how its body must be checked. {@code payloadSha256} is
 * the hex SHA-256 the body must have (SHA256_HEX mode only); {@code chunkSigner} verifies the
 * chunk chain in the signed streaming modes.
 */
public record Authentication(
    User user, PayloadMode payloadMode, Optional<String> payloadSha256, Optional<ChunkSigner> chunkSigner) {
  /** The signer's access key id, which owns what it creates. */
  public String accessKey() {
    return user.accessKey();
  }
}
