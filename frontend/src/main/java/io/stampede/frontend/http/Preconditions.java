package io.stampede.frontend.http;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.Optional;

/**
 * HTTP preconditions on an object's ETag and Last-Modified, evaluated as S3 does for GetObject
 * and HeadObject ({@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since},
 * {@code If-Unmodified-Since}) and for a copy source ({@code x-amz-copy-source-if-*}).
 *
 * <p>The order is RFC 9110's, which gives AWS's documented precedence: If-Match, else
 * If-Unmodified-Since, decides {@code PRECONDITION_FAILED} (so If-Match true with
 * If-Unmodified-Since false passes); then If-None-Match, else If-Modified-Since, decides
 * {@code NOT_MODIFIED} (so If-None-Match false with If-Modified-Since true is not modified).
 * ETags are compared with or without quotes (and a weak {@code W/} prefix), as a comma-separated
 * list or {@code *}. A date that does not parse is ignored, as is an If-Modified-Since date in
 * the future. Times are compared in whole seconds, the precision of Last-Modified.
 */
public record Preconditions(
    Optional<String> ifMatch,
    Optional<String> ifNoneMatch,
    Optional<Instant> ifModifiedSince,
    Optional<Instant> ifUnmodifiedSince) {
  public static final Preconditions NONE =
      new Preconditions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  private static final String COPY_SOURCE_PREFIX = "x-amz-copy-source-";

  /** What the conditions say about an object. */
  public enum Outcome {
    PASS,
    /** 304 for a GET or HEAD; a copy source answers 412 instead. */
    NOT_MODIFIED,
    PRECONDITION_FAILED
  }

  /** The {@code If-*} headers of a GET or HEAD. */
  public static Preconditions ofRequest(MultiMap headers) {
    return of(headers, "");
  }

  /** The {@code x-amz-copy-source-if-*} headers of a CopyObject or UploadPartCopy. */
  public static Preconditions ofCopySource(MultiMap headers) {
    return of(headers, COPY_SOURCE_PREFIX);
  }

  private static Preconditions of(MultiMap headers, String prefix) {
    return new Preconditions(
        text(headers.get(prefix + "If-Match")),
        text(headers.get(prefix + "If-None-Match")),
        text(headers.get(prefix + "If-Modified-Since")).map(HttpDates::parseHttpDate),
        text(headers.get(prefix + "If-Unmodified-Since")).map(HttpDates::parseHttpDate));
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public boolean any() {
    return ifMatch.isPresent() || ifNoneMatch.isPresent() || ifModifiedSince.isPresent()
        || ifUnmodifiedSince.isPresent();
  }

  /**
   * Evaluates the conditions on an object whose unquoted ETag is {@code etag}, modified at
   * {@code lastModifiedMs}, at time {@code nowMs}.
   */
  public Outcome evaluate(String etag, long lastModifiedMs, long nowMs) {
    long modifiedSec = Math.floorDiv(lastModifiedMs, 1000);
    if (ifMatch.isPresent()) {
      if (!etagMatches(ifMatch.get(), etag)) {
        return Outcome.PRECONDITION_FAILED;
      }
    } else if (ifUnmodifiedSince.isPresent() && modifiedSec > ifUnmodifiedSince.get().getEpochSecond()) {
      return Outcome.PRECONDITION_FAILED;
    }
    if (ifNoneMatch.isPresent()) {
      if (etagMatches(ifNoneMatch.get(), etag)) {
        return Outcome.NOT_MODIFIED;
      }
    } else if (ifModifiedSince.isPresent()) {
      long since = ifModifiedSince.get().getEpochSecond();
      if (since <= Math.floorDiv(nowMs, 1000) && modifiedSec <= since) {
        return Outcome.NOT_MODIFIED;
      }
    }
    return Outcome.PASS;
  }

  /**
   * Whether an {@code If-Match}-style header value names {@code etag}: {@code *} names every
   * existing object; otherwise a comma-separated list of entity tags, each quoted or not, weak
   * or not. {@code etag} may itself be quoted.
   */
  public static boolean etagMatches(String headerValue, String etag) {
    String wanted = unquote(etag);
    for (String token : headerValue.split(",")) {
      String t = token.trim();
      if (t.equals("*")) {
        return true;
      }
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (!t.isEmpty() && unquote(t).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** The entity tag without its surrounding quotes. */
  public static String unquote(String etag) {
    String t = etag.trim();
    if (t.startsWith("\"")) {
      t = t.substring(1);
    }
    if (t.endsWith("\"")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
