package io.stampede.frontend.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/** The date formats S3 speaks: RFC 1123 in headers, ISO 8601 in XML, the SigV4 basic format. */
public final class HttpDates {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_8601 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);
  /** The obsolete HTTP-date forms a recipient must still accept (RFC 9110 section 5.6.7). */
  private static final List<DateTimeFormatter> OBSOLETE_HTTP_DATES = List.of(
      new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.US).withZone(ZoneOffset.UTC),
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));
  public static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  public static String rfc1123(long epochMs) {
    return RFC_1123.format(Instant.ofEpochMilli(epochMs));
  }

  public static String iso8601(long epochMs) {
    return ISO_8601.format(Instant.ofEpochMilli(epochMs));
  }

  /** Parses an HTTP date (RFC 1123, or the obsolete RFC 850 and asctime forms), or returns null. */
  public static Instant parseHttpDate(String value) {
    String v = value.trim();
    try {
      return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(v));
    } catch (RuntimeException e) {
      for (DateTimeFormatter f : OBSOLETE_HTTP_DATES) {
        try {
          return Instant.from(f.parse(v));
        } catch (RuntimeException notThisForm) {
          // try the next form
        }
      }
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
