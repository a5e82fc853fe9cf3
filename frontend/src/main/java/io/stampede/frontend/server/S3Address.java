package io.stampede.frontend.server;

import io.stampede.frontend.http.UriEncoding;
import java.util.List;
import java.util.Locale;

/**
 * Which bucket and key a request addresses: virtual-hosted style ({@code Host:
 * <bucket>.<domain>[:port]}, under the longest of the front-end's domains that matches) or, for
 * any other host, path style ({@code /<bucket>/<key>}).
 * Bucket and key are null when absent; an empty key is absent.
 */
public record S3Address(String bucket, String key, boolean virtualHosted) {
  public static S3Address parse(String hostHeader, String rawPath, List<String> domains) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    if (path.charAt(0) == '/') {
      path = path.substring(1);
    }
    String host = hostOnly(hostHeader);
    String hosted = bucketOf(host, domains);
    if (hosted != null) {
      return new S3Address(hosted, path.isEmpty() ? null : UriEncoding.decode(path), true);
    }
    if (path.isEmpty()) {
      return new S3Address(null, null, false);
    }
    int slash = path.indexOf('/');
    String bucket = UriEncoding.decode(slash < 0 ? path : path.substring(0, slash));
    String key = slash < 0 || slash == path.length() - 1 ? null : UriEncoding.decode(path.substring(slash + 1));
    return new S3Address(bucket.isEmpty() ? null : bucket, key, false);
  }

  /**
   * The bucket part of {@code host} under the longest matching domain; null when none matches, or
   * when the host is itself one of the domains (an endpoint, addressed path-style).
   */
  private static String bucketOf(String host, List<String> domains) {
    String bucket = null;
    int longest = -1;
    for (String domain : domains) {
      if (host.equalsIgnoreCase(domain)) {
        return null;
      }
      String suffix = "." + domain.toLowerCase(Locale.ROOT);
      if (suffix.length() > longest && host.endsWith(suffix) && host.length() > suffix.length()) {
        bucket = host.substring(0, host.length() - suffix.length());
        longest = suffix.length();
      }
    }
    return bucket;
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
