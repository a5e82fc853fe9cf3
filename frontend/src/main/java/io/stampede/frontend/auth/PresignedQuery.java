package io.stampede.frontend.auth;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;

/** The X-Amz-* parameters of a presigned URL. */
record PresignedQuery(
    String accessKey, String date, String region, String service, String amzDate, Instant time,
    long expiresSeconds, List<String> signedHeaders, String signature) {
  private static final long MAX_EXPIRES_SECONDS = 604800;

  static PresignedQuery of(MultiMap q) {
    S3Error err = S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
    if (!SigV4.ALGORITHM.equals(q.get("X-Amz-Algorithm"))) {
      throw err.exception("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
    }
    String credential = q.get("X-Amz-Credential");
    String amzDate = q.get("X-Amz-Date");
    String expires = q.get("X-Amz-Expires");
    String signed = q.get("X-Amz-SignedHeaders");
    String signature = q.get("X-Amz-Signature");
    if (credential == null || amzDate == null || expires == null || signed == null || signature == null) {
      throw err.exception("Query-string authentication version 4 requires the X-Amz-Algorithm, "
          + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }
    String[] c = credential.split("/", -1);
    if (c.length != 5 || !SigV4.TERMINATOR.equals(c[4]) || c[0].isEmpty()) {
      throw err.exception("malformed X-Amz-Credential");
    }
    Instant time = HttpDates.parseAmzDate(amzDate);
    if (time == null || !amzDate.startsWith(c[1])) {
      throw err.exception("malformed X-Amz-Date");
    }
    return new PresignedQuery(c[0], c[1], c[2], c[3], amzDate, time, expiresSeconds(expires),
        SigV4Authenticator.headerList(signed), signature);
  }

  /** X-Amz-Expires, refused with S3's messages: not a number, negative, or more than a week. */
  static long expiresSeconds(String expires) {
    S3Error err = S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
    long seconds;
    try {
      seconds = Long.parseLong(expires.strip());
    } catch (NumberFormatException e) {
      throw err.exception("X-Amz-Expires should be a number");
    }
    if (seconds < 0) {
      throw err.exception("X-Amz-Expires must be non-negative");
    }
    if (seconds > MAX_EXPIRES_SECONDS) {
      throw err.exception("X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires "
          + "must be less than " + MAX_EXPIRES_SECONDS + " seconds");
    }
    return seconds;
  }
}
