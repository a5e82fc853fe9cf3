package io.stampede.frontend.auth;

import io.stampede.frontend.error.S3Error;
import java.util.regex.Pattern;

/** How the body is protected, from {@code x-amz-content-sha256}. */
public enum PayloadMode {
  /** The header is the hex SHA-256 of the body. */
  SHA256_HEX(false, false, false),
  UNSIGNED(false, false, false),
  STREAMING_SIGNED(true, true, false),
  STREAMING_SIGNED_TRAILER(true, true, true),
  STREAMING_UNSIGNED_TRAILER(true, false, true);

  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

  private final boolean chunked;
  private final boolean signedChunks;
  private final boolean trailer;

  PayloadMode(boolean chunked, boolean signedChunks, boolean trailer) {
    this.chunked = chunked;
    this.signedChunks = signedChunks;
    this.trailer = trailer;
  }

  /** The body is aws-chunked. */
  public boolean chunked() {
    return chunked;
  }

  public boolean signedChunks() {
    return signedChunks;
  }

  public boolean trailer() {
    return trailer;
  }

  public static PayloadMode of(String header) {
    return switch (header) {
      case "UNSIGNED-PAYLOAD" -> UNSIGNED;
      case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> STREAMING_SIGNED;
      case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> STREAMING_SIGNED_TRAILER;
      case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> STREAMING_UNSIGNED_TRAILER;
      case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER" ->
          throw S3Error.NOT_IMPLEMENTED.exception("SigV4a is not supported");
      default -> {
        if (!HEX64.matcher(header).matches()) {
          throw S3Error.INVALID_ARGUMENT.exception("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
              + "STREAMING-... or a valid sha256 value");
        }
        yield SHA256_HEX;
      }
    };
  }
}
