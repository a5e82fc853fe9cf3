package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.stampede.partition.api.ObjectInfo;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The object headers S3 stores on PutObject and returns on GetObject and HeadObject. */
final class ObjectHeaders {
  static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
  static final String META_PREFIX = "x-amz-meta-";
  /** S3 limits user metadata (names plus values) to 2 KB. */
  static final int MAX_USER_METADATA_BYTES = 2048;
  static final String TAGGING_COUNT = "x-amz-tagging-count";
  static final List<String> STORED = List.of(
      "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires");
  private static final Map<String, String> OVERRIDES = Map.of(
      "response-content-type", "Content-Type",
      "response-content-language", "Content-Language",
      "response-expires", "Expires",
      "response-cache-control", "Cache-Control",
      "response-content-disposition", "Content-Disposition",
      "response-content-encoding", "Content-Encoding");

  private ObjectHeaders() {}

  /** The stored system headers of a PutObject, with the aws-chunked coding removed. */
  static Map<String, String> storedHeaders(MultiMap request) {
    Map<String, String> out = new TreeMap<>();
    for (String name : STORED) {
      String v = request.get(name);
      if (v != null && name.equals("Content-Encoding")) {
        v = stripAwsChunked(v);
      }
      if (v != null && !v.isEmpty()) {
        out.put(name, v);
      }
    }
    return out;
  }

  static String stripAwsChunked(String contentEncoding) {
    StringBuilder sb = new StringBuilder();
    for (String token : contentEncoding.split(",")) {
      String t = token.trim();
      if (!t.isEmpty() && !t.equalsIgnoreCase("aws-chunked")) {
        sb.append(sb.length() == 0 ? "" : ", ").append(t);
      }
    }
    return sb.toString();
  }

  /** {@code x-amz-meta-*} headers, prefix removed, names lower-cased. */
  static Map<String, String> userMetadata(MultiMap request) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> h : request) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(META_PREFIX) && name.length() > META_PREFIX.length()) {
        out.merge(name.substring(META_PREFIX.length()), h.getValue().trim(), (a, b) -> a + "," + b);
      }
    }
    return out;
  }

  /** The {@code x-amz-meta-*} of a new object; MetadataTooLarge past S3's 2 KB. */
  static Map<String, String> newObjectMetadata(MultiMap request) {
    Map<String, String> meta = userMetadata(request);
    if (metadataBytes(meta) > MAX_USER_METADATA_BYTES) {
      throw S3Error.METADATA_TOO_LARGE.exception();
    }
    return meta;
  }

  /** The Content-Type a new object gets: the request's, or S3's default. */
  static String contentType(MultiMap request) {
    String type = request.get("Content-Type");
    return type == null || type.isEmpty() ? DEFAULT_CONTENT_TYPE : type;
  }

  static int metadataBytes(Map<String, String> meta) {
    return meta.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
  }

  /** Writes the object's headers; {@code params} may carry response-* overrides. */
  static void write(HttpServerResponse response, ObjectInfo info, MultiMap params) {
    response.putHeader("ETag", quote(info.etag()));
    response.putHeader("Last-Modified", HttpDates.rfc1123(info.lastModifiedMs()));
    response.putHeader("Accept-Ranges", "bytes");
    response.putHeader("Content-Type", info.contentType() == null || info.contentType().isEmpty()
        ? DEFAULT_CONTENT_TYPE : info.contentType());
    info.headers().forEach(response::putHeader);
    info.userMetadata().forEach((k, v) -> response.putHeader(META_PREFIX + k, v));
    OVERRIDES.forEach((param, header) -> {
      String v = params.get(param);
      if (v != null) {
        response.putHeader(header, v);
      }
    });
  }

  /**
   * The stored checksum ({@code x-amz-checksum-<algorithm>}, {@code x-amz-checksum-type}) when
   * the client asked for it with {@code x-amz-checksum-mode: ENABLED} and the response carries the
   * whole object: S3 sends none for a range, as its bytes could not be checked against it.
   */
  static void writeChecksum(HttpServerResponse response, ObjectInfo info, MultiMap requestHeaders, boolean whole) {
    if (whole && "ENABLED".equalsIgnoreCase(requestHeaders.get("x-amz-checksum-mode"))) {
      info.checksum().ifPresent(c -> c.responseHeaders().forEach(response::putHeader));
    }
  }

  /**
   * The headers of a GetObject or HeadObject answer: the object's own ({@link #write}), its
   * version id, its tag count when it has tags, and its checksum when asked ({@link #writeChecksum}).
   */
  static void writeRead(S3Request request, ObjectInfo info, boolean whole) {
    HttpServerResponse response = request.response();
    write(response, info, request.params());
    VersionIds.answer(response, info.versionId(), VersionIds.state(request));
    if (!info.tags().isEmpty()) {
      response.putHeader(TAGGING_COUNT, Integer.toString(info.tags().size()));
    }
    writeChecksum(response, info, request.http().headers(), whole);
  }

  static String quote(String etag) {
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }
}
