package io.stampede.frontend.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The signature chain of an aws-chunked body: each chunk's signature signs its data and the
 * previous signature, starting from the request's (the seed); the trailer signs the trailer
 * lines and the final chunk's signature.
 */
public final class ChunkSigner {
  private final byte[] signingKey;
  private final String amzDate;
  private final String scope;
  private String previous;

  public ChunkSigner(byte[] signingKey, String amzDate, String scope, String seedSignature) {
    this.signingKey = signingKey.clone();
    this.amzDate = amzDate;
    this.scope = scope;
    this.previous = seedSignature;
  }

  /** The expected signature of the next chunk, whose data hashes to {@code chunkSha256}. */
  public String nextChunk(byte[] chunkSha256) {
    String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
        + SigV4.EMPTY_SHA256 + "\n" + SigV4.hex(chunkSha256);
    previous = SigV4.sign(signingKey, toSign);
    return previous;
  }

  /** The expected trailer signature; {@code trailerSha256} hashes the lines {@code name:value\n}. */
  public String trailer(byte[] trailerSha256) {
    String toSign = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
        + SigV4.hex(trailerSha256);
    previous = SigV4.sign(signingKey, toSign);
    return previous;
  }

  /** Constant-time comparison of an expected and a given hex signature (null never matches). */
  public static boolean sameSignature(String expected, String given) {
    return given != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), given.trim().getBytes(StandardCharsets.US_ASCII));
  }
}
