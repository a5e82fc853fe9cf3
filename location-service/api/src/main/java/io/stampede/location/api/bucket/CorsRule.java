package io.stampede.location.api.bucket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One CORS rule as S3 stores it: which origins (each with at most one {@code *}) may use which
 * methods, which request headers a preflight may ask for, which response headers the browser may
 * read, and how long it may cache a preflight answer. Values are kept exactly as sent.
 */
public record CorsRule(
    Optional<String> id,
    List<String> allowedMethods,
    List<String> allowedOrigins,
    List<String> allowedHeaders,
    List<String> exposeHeaders,
    OptionalInt maxAgeSeconds) {
  public CorsRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(maxAgeSeconds, "maxAgeSeconds");
    allowedMethods = List.copyOf(allowedMethods);
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHeaders = List.copyOf(allowedHeaders);
    exposeHeaders = List.copyOf(exposeHeaders);
    if (allowedMethods.isEmpty() || allowedOrigins.isEmpty()) {
      throw new IllegalArgumentException("a CORS rule needs an origin and a method");
    }
  }

  long estimatedBytes() {
    return Sizes.OBJECT_BYTES + Sizes.of(id.orElse(null)) + Sizes.of(allowedMethods) + Sizes.of(allowedOrigins)
        + Sizes.of(allowedHeaders) + Sizes.of(exposeHeaders);
  }
}
