package io.stampede.common.key;

import java.util.Optional;

/**
 * A parsed HTTP byte range as S3 accepts it: {@code bytes=first-last}, {@code bytes=first-} or
 * {@code bytes=-suffixLength}. Resolved against an object's size it yields the inclusive span
 * to send, or nothing when the range is unsatisfiable (S3 InvalidRange, 416).
 */
public record ByteRange(long first, long last, long suffixLength) {
  /** Marks an absent bound. */
  public static final long NONE = -1;

  public static ByteRange fromTo(long first, long last) {
    return new ByteRange(first, last, NONE);
  }

  public static ByteRange from(long first) {
    return new ByteRange(first, NONE, NONE);
  }

  public static ByteRange suffix(long length) {
    return new ByteRange(NONE, NONE, length);
  }

  /**
   * Parses a Range header value. Returns empty for syntax S3 ignores (it then serves the whole
   * object): anything that is not a single well-formed bytes range.
   */
  public static Optional<ByteRange> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = h.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      // Long.parseLong takes a sign: "bytes=--1" would become a range starting at -1.
      if (!digitsOrEmpty(a) || !digitsOrEmpty(b)) {
        return Optional.empty();
      }
      if (a.isEmpty()) {
        return b.isEmpty() ? Optional.empty() : Optional.of(suffix(Long.parseLong(b)));
      }
      long first = Long.parseLong(a);
      if (b.isEmpty()) {
        return Optional.of(from(first));
      }
      long last = Long.parseLong(b);
      return last < first ? Optional.empty() : Optional.of(fromTo(first, last));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean digitsOrEmpty(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The inclusive span {@code [start, end]} within an object of {@code size} bytes. */
  public Optional<Span> resolve(long size) {
    if (suffixLength != NONE) {
      if (suffixLength == 0 || size == 0) {
        return Optional.empty();
      }
      long len = Math.min(suffixLength, size);
      return Optional.of(new Span(size - len, size - 1));
    }
    if (first >= size) {
      return Optional.empty();
    }
    long end = last == NONE ? size - 1 : Math.min(last, size - 1);
    return Optional.of(new Span(first, end));
  }

  /** An inclusive byte span of an object. */
  public record Span(long start, long end) {
    public long length() {
      return end - start + 1;
    }
  }
}
