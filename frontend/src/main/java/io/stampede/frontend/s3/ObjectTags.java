package io.stampede.frontend.s3;

import io.stampede.frontend.bucket.TagSetXml;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.UriEncoding;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An object's tags: at most {@link #MAX} of them, each checked as {@link TagSetXml} checks bucket
 * tags, taken from a Tagging document or from the {@code x-amz-tagging} header of PutObject and
 * CreateMultipartUpload (URL query form, {@code k1=v1&k2=v2}), and written back in key order.
 */
final class ObjectTags {
  static final int MAX = 10;
  static final String HEADER = "x-amz-tagging";
  /** Room for ten tags of 128 + 256 characters at four bytes each, with the markup around them. */
  static final int DOCUMENT_BYTES_MAX = 64 * 1024;
  private static final String TOO_MANY = "Object tags cannot be greater than " + MAX;
  private static final String BAD_HEADER = "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded "
      + "URL query parameters without tag name duplicates.";

  private ObjectTags() {}

  /** The tags of a Tagging document (MalformedXML, InvalidTag, BadRequest for more than ten). */
  static Map<String, String> fromXml(Buffer body) {
    return TagSetXml.parse(body.getBytes(), DOCUMENT_BYTES_MAX, MAX, TOO_MANY);
  }

  /**
   * The tags of an {@code x-amz-tagging} header, form-decoded ('+' is a space); none when absent.
   * A pair with two '=' or a key given twice is InvalidArgument, as S3 answers it.
   */
  static Map<String, String> fromHeader(String header) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return tags;
    }
    for (String pair : header.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq >= 0 && pair.indexOf('=', eq + 1) >= 0) {
        throw S3Error.INVALID_ARGUMENT.exception(BAD_HEADER);
      }
      String key = formDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
      TagSetXml.check(key, value);
      if (tags.put(key, value) != null) {
        throw S3Error.INVALID_ARGUMENT.exception(BAD_HEADER);
      }
    }
    if (tags.size() > MAX) {
      throw S3Error.BAD_REQUEST.exception(TOO_MANY);
    }
    return tags;
  }

  /** The Tagging document of {@code tags}, in key order. */
  static String toXml(Map<String, String> tags) {
    return TagSetXml.render(new TreeMap<>(tags));
  }

  /**
   * Sets the tags of the version {@code ref} names. A delete marker has none: named by its id it
   * is MethodNotAllowed (405), as the current version the key has no object (NoSuchKey).
   */
  static Future<ObjectInfo> set(S3Services services, ObjectRef ref, Map<String, String> tags) {
    return services.partitions().setTags(ref, tags).recover(err -> {
      if (ref.versionId().isEmpty() && err instanceof PartitionException p
          && p.code() == PartitionErrorCode.METHOD_NOT_ALLOWED) {
        return Future.failedFuture(S3Error.NO_SUCH_KEY.exception());
      }
      return Future.failedFuture(err);
    });
  }

  private static String formDecode(String s) {
    try {
      return UriEncoding.decode(s.replace('+', ' '));
    } catch (S3Exception e) {
      throw S3Error.INVALID_ARGUMENT.exception(BAD_HEADER);
    }
  }
}
