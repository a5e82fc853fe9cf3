package io.stampede.frontend.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The date formats S3 speaks: RFC 1123 in headers, ISO 8601 in XML, the SigV4 basic format. */
public final class HttpDates {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_8601 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);
  public static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  public static String rfc1123(long epochMs) {
    return RFC_1123.format(Instant.ofEpochMilli(epochMs));
  }

  public static String iso8601(long epochMs) {
    return ISO_8601.format(Instant.ofEpochMilli(epochMs));
  }

  /** Parses an HTTP date (RFC 1123), or returns null if it is not one. */
  public static Instant parseHttpDate(String value) {
    try {
      return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Parses {@code 20130524T000000Z}, or returns null if malformed. */
  public static Instant parseAmzDate(String value) {
    try {
      return Instant.from(AMZ_DATE.parse(value.trim()));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
