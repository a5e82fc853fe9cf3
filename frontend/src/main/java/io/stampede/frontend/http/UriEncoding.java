package io.stampede.frontend.http;

import io.stampede.frontend.error.S3Error;
import io.vertx.core.MultiMap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** URI encoding as SigV4 and S3's encoding-type=url define it (RFC 3986 unreserved kept). */
public final class UriEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {}

  /** Percent-encodes everything but {@code A-Za-z0-9-_.~} (and '/' when {@code keepSlash}). */
  public static String encode(String s, boolean keepSlash) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /**
   * Decodes %XX escapes ('+' stays '+', as S3 reads paths and SigV4 query strings). A broken
   * escape or invalid UTF-8 is InvalidURI.
   */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw S3Error.INVALID_URI.exception();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw S3Error.INVALID_URI.exception();
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(bytes, 0, bytes.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw S3Error.INVALID_URI.exception();
    }
  }

  /** Parses a raw query string into decoded parameters (names are matched case-insensitively). */
  public static MultiMap parseQuery(String rawQuery) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return m;
    }
    for (String part : rawQuery.split("&")) {
      if (!part.isEmpty()) {
        int eq = part.indexOf('=');
        m.add(decode(eq < 0 ? part : part.substring(0, eq)), eq < 0 ? "" : decode(part.substring(eq + 1)));
      }
    }
    return m;
  }
}
