package io.stampede.frontend.bucket;

import io.stampede.location.api.bucket.CorsConfiguration;
import io.stampede.location.api.bucket.CorsRule;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a bucket's CORS rules as S3 does: the first rule that allows the origin, the method
 * and (for a preflight) every requested header applies. An origin pattern has at most one
 * {@code *}, which matches any text, and is compared case-sensitively; header names compare
 * case-insensitively. A rule allowing the literal origin {@code *} answers {@code *}; any other
 * match echoes the origin and allows credentials.
 */
public final class CorsRules {
  static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

  private CorsRules() {}

  /** A rule that applies, and the Access-Control-Allow-Origin it answers. */
  public record Match(CorsRule rule, String allowOrigin) {}

  /** The first rule that allows the request; {@code requestHeaders} is empty except in a preflight. */
  public static Optional<Match> match(
      CorsConfiguration cors, String origin, String method, List<String> requestHeaders) {
    for (CorsRule rule : cors.rules()) {
      Optional<String> allowOrigin = allowOrigin(rule, origin);
      if (allowOrigin.isPresent() && rule.allowedMethods().contains(method)
          && requestHeaders.stream().allMatch(h -> allowsHeader(rule, h))) {
        return Optional.of(new Match(rule, allowOrigin.get()));
      }
    }
    return Optional.empty();
  }

  /** A rule listing the literal {@code *} answers {@code *} even when another pattern matches too. */
  private static Optional<String> allowOrigin(CorsRule rule, String origin) {
    if (rule.allowedOrigins().contains("*")) {
      return Optional.of("*");
    }
    return rule.allowedOrigins().stream().anyMatch(p -> wildcardMatch(p, origin))
        ? Optional.of(origin) : Optional.empty();
  }

  private static boolean allowsHeader(CorsRule rule, String header) {
    String h = header.toLowerCase(Locale.ROOT);
    return rule.allowedHeaders().stream().anyMatch(p -> wildcardMatch(p.trim().toLowerCase(Locale.ROOT), h));
  }

  /** Whether {@code text} matches {@code pattern}, whose one {@code *} (if any) matches any text. */
  static boolean wildcardMatch(String pattern, String text) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(text);
    }
    String head = pattern.substring(0, star);
    String tail = pattern.substring(star + 1);
    return text.length() >= head.length() + tail.length() && text.startsWith(head) && text.endsWith(tail);
  }

  /** The names listed in Access-Control-Request-Headers, trimmed, without empty ones. */
  public static List<String> requestedHeaders(String header) {
    if (header == null) {
      return List.of();
    }
    return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Writes the response headers of a match; {@code requestHeaders} (a preflight's, lower-cased)
   * become Access-Control-Allow-Headers.
   */
  public static void write(Match match, List<String> requestHeaders, MultiMap headers) {
    CorsRule rule = match.rule();
    headers.set("Access-Control-Allow-Origin", match.allowOrigin());
    headers.set("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    if (!requestHeaders.isEmpty()) {
      headers.set("Access-Control-Allow-Headers",
          String.join(", ", requestHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()));
    }
    if (!rule.exposeHeaders().isEmpty()) {
      headers.set("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    }
    rule.maxAgeSeconds().ifPresent(s -> headers.set("Access-Control-Max-Age", Integer.toString(s)));
    if (!match.allowOrigin().equals("*")) {
      headers.set("Access-Control-Allow-Credentials", "true");
    }
    headers.set("Vary", VARY);
  }
}
