package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.UriEncoding;
import io.stampede.partition.api.ObjectRef;

/**
 * The object an {@code x-amz-copy-source} header names: {@code [/]bucket/key[?versionId=id]},
 * bucket and key URL-encoded (the {@code ?versionId=} suffix is not). {@code versionId} is empty
 * for the key's current version. Anything else is InvalidArgument.
 */
public record CopySource(String bucket, String key, String versionId) {
  public static final String HEADER = "x-amz-copy-source";
  private static final String VERSION_PARAM = "versionId=";

  /** Parses the header value. */
  public static CopySource parse(String header) {
    if (header == null || header.isBlank()) {
      throw invalid("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
    }
    String raw = header.trim();
    String versionId = "";
    int query = raw.indexOf('?');
    if (query >= 0) {
      String params = raw.substring(query + 1);
      raw = raw.substring(0, query);
      if (!params.startsWith(VERSION_PARAM) || params.length() == VERSION_PARAM.length()) {
        throw invalid("Invalid version id specified");
      }
      versionId = decode(params.substring(VERSION_PARAM.length()));
    }
    String path = decode(raw.startsWith("/") ? raw.substring(1) : raw);
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw invalid("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
    }
    return new CopySource(path.substring(0, slash), path.substring(slash + 1), versionId);
  }

  public ObjectRef ref() {
    return new ObjectRef(bucket, key, versionId, 0);
  }

  private static String decode(String s) {
    try {
      return UriEncoding.decode(s);
    } catch (S3Exception e) {
      throw invalid("Invalid copy source encoding");
    }
  }

  private static S3Exception invalid(String message) {
    return S3Error.INVALID_ARGUMENT.exception(message);
  }
}
