package io.stampede.frontend.auth;

import io.stampede.frontend.http.UriEncoding;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SigV4 canonical request as S3 computes it: the path decoded once and re-encoded once
 * (S3 does not double-encode or normalize paths), query parameters encoded and sorted,
 * signed headers lower-cased with trimmed, whitespace-collapsed values.
 */
public final class CanonicalRequest {
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private CanonicalRequest() {}

  public static String build(
      String method, String rawPath, String rawQuery, MultiMap headers,
      List<String> signedHeaders, String payloadHash, String excludeParam) {
    return method + "\n"
        + canonicalUri(rawPath) + "\n"
        + canonicalQuery(rawQuery, excludeParam) + "\n"
        + canonicalHeaders(headers, signedHeaders) + "\n"
        + String.join(";", signedHeaders) + "\n"
        + payloadHash;
  }

  /**
   * The path decoded once and re-encoded once with '/' kept, as S3 computes it from the key.
   * A "%2F" in the raw path therefore signs as "/": the AWS SDK signs a key holding "//" as is
   * and only then (in its HTTP client) sends the second slash as %2F to dodge normalization.
   */
  public static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return UriEncoding.encode(UriEncoding.decode(rawPath), true);
  }

  public static String canonicalQuery(String rawQuery, String excludeParam) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = UriEncoding.decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : UriEncoding.decode(part.substring(eq + 1));
      if (!name.equals(excludeParam)) {
        params.add(Map.entry(UriEncoding.encode(name, false), UriEncoding.encode(value, false)));
      }
    }
    params.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> p : params) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p.getKey()).append('=').append(p.getValue());
    }
    return sb.toString();
  }

  static String canonicalHeaders(MultiMap headers, List<String> signedHeaders) {
    StringBuilder sb = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = headers.getAll(name);
      sb.append(name.toLowerCase(Locale.ROOT)).append(':');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(SPACES.matcher(values.get(i).trim()).replaceAll(" "));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
