package io.stampede.frontend.s3;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.HttpDates;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.Versioning;
import io.vertx.core.http.HttpServerResponse;

/**
 * Object versions as requests name them and responses report them. A version id in a request is
 * "null" (the version written while versioning was off or suspended) or one the partition layer
 * made: 32 characters of {@code [0-9a-v]}. Anything else is, as S3 answers it, InvalidArgument
 * "Invalid version id specified"; a well-formed id no version has is NoSuchVersion.
 *
 * <p>{@code x-amz-version-id} is answered for every version of a bucket whose versioning was ever
 * enabled, and never in a bucket that was not (where every version is the "null" one).
 */
final class VersionIds {
  static final String PARAM = "versionId";
  static final String HEADER = "x-amz-version-id";
  static final String DELETE_MARKER_HEADER = "x-amz-delete-marker";
  private static final int ID_LENGTH = 32;

  private VersionIds() {}

  /** The request's {@code versionId}, checked; "" when it names none (the current version). */
  static String of(S3Request request) {
    String id = request.param(PARAM);
    if (id == null) {
      return "";
    }
    check(id);
    return id;
  }

  /** InvalidArgument unless {@code id} is a version id this stamp can have made. */
  static void check(String id) {
    if (id.isEmpty()) {
      throw S3Error.INVALID_ARGUMENT.exception("Version id cannot be the empty string");
    }
    if (!wellFormed(id)) {
      throw S3Error.INVALID_ARGUMENT.exception("Invalid version id specified");
    }
  }

  static boolean wellFormed(String id) {
    if (id.equals(ObjectInfo.NULL_VERSION)) {
      return true;
    }
    if (id.length() != ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'v')) {
        return false;
      }
    }
    return true;
  }

  /** The versioning state of the request's bucket, which decides what writes do to versions. */
  static Versioning state(S3Request request) {
    return switch (request.location().versioning()) {
      case UNVERSIONED -> Versioning.UNVERSIONED;
      case ENABLED -> Versioning.ENABLED;
      case SUSPENDED -> Versioning.SUSPENDED;
    };
  }

  /** Answers {@code x-amz-version-id} for {@code versionId} (may be empty: nothing to answer). */
  static void answer(HttpServerResponse response, String versionId, Versioning state) {
    if (!versionId.isEmpty() && (state != Versioning.UNVERSIONED || !versionId.equals(ObjectInfo.NULL_VERSION))) {
      response.putHeader(HEADER, versionId);
    }
  }

  /**
   * The error for a read that found a delete marker: 404 NoSuchKey when it is the key's current
   * version, 405 MethodNotAllowed when the request named it by version id; both say so in
   * {@code x-amz-delete-marker} and {@code x-amz-version-id}, the 405 also with Last-Modified.
   */
  static S3Exception deleteMarker(ObjectInfo marker, boolean named) {
    S3Exception e = named
        ? S3Error.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.")
            .withHeader("Last-Modified", HttpDates.rfc1123(marker.lastModifiedMs()))
        : S3Error.NO_SUCH_KEY.exception();
    return e.withHeader(DELETE_MARKER_HEADER, "true").withHeader(HEADER, marker.versionId());
  }
}
