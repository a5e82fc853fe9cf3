package io.stampede.frontend.server;

import io.stampede.frontend.http.UriEncoding;
import java.util.Locale;

/**
 * Which bucket and key a request addresses: virtual-hosted style ({@code Host:
 * <bucket>.<domain>[:port]}) or, for any other host, path style ({@code /<bucket>/<key>}).
 * Bucket and key are null when absent; an empty key is absent.
 */
public record S3Address(String bucket, String key, boolean virtualHosted) {
  public static S3Address parse(String hostHeader, String rawPath, String domain) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    if (path.charAt(0) == '/') {
      path = path.substring(1);
    }
    String host = hostOnly(hostHeader);
    String suffix = "." + domain.toLowerCase(Locale.ROOT);
    if (host.endsWith(suffix) && host.length() > suffix.length()) {
      String bucket = host.substring(0, host.length() - suffix.length());
      return new S3Address(bucket, path.isEmpty() ? null : UriEncoding.decode(path), true);
    }
    if (path.isEmpty()) {
      return new S3Address(null, null, false);
    }
    int slash = path.indexOf('/');
    String bucket = UriEncoding.decode(slash < 0 ? path : path.substring(0, slash));
    String key = slash < 0 || slash == path.length() - 1 ? null : UriEncoding.decode(path.substring(slash + 1));
    return new S3Address(bucket.isEmpty() ? null : bucket, key, false);
  }

  private static String hostOnly(String hostHeader) {
    if (hostHeader == null) {
      return "";
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return h;
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** The S3 resource string for error documents: {@code /bucket/key}. */
  public String resource() {
    if (bucket == null) {
      return "/";
    }
    return "/" + bucket + (key == null ? "" : "/" + key);
  }
}
