package io.stampede.frontend.auth;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.error.S3Exception;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.http.UriEncoding;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4, in the Authorization header or as a presigned URL, against
 * the configured users. Refuses anonymous requests. Throws {@link S3Exception}.
 *
 * <p>Time, as S3 checks it: a header-signed request whose X-Amz-Date (or Date) is more than
 * {@code maxSkew} away from our clock is RequestTimeTooSkewed; a presigned URL is valid from its
 * X-Amz-Date (up to {@code maxSkew} early) for X-Amz-Expires seconds (at most 7 days), then
 * AccessDenied "Request has expired".
 */
public final class SigV4Authenticator {
  private final Users users;
  private final String region;
  private final Duration maxSkew;
  private final Clock clock;
  private final SigningKeyCache keys = new SigningKeyCache();

  public SigV4Authenticator(Users users, String region, Duration maxSkew, Clock clock) {
    this.users = users;
    this.region = region;
    this.maxSkew = maxSkew;
    this.clock = clock;
  }

  /** Authenticates a request given its raw (still encoded) path and query string. */
  public Authentication authenticate(String method, String rawPath, String rawQuery, MultiMap headers) {
    String authorization = headers.get("Authorization");
    if (authorization != null) {
      return headerAuth(method, rawPath, rawQuery, headers, authorization);
    }
    MultiMap query = UriEncoding.parseQuery(rawQuery);
    if (query.contains("X-Amz-Algorithm") || query.contains("X-Amz-Signature")) {
      return presignedAuth(method, rawPath, rawQuery, headers, PresignedQuery.of(query));
    }
    if (query.contains("AWSAccessKeyId") || query.contains("Signature")) {
      throw S3Error.INVALID_REQUEST.exception("Signature Version 2 is not supported; use AWS4-HMAC-SHA256.");
    }
    throw S3Error.ACCESS_DENIED.exception("Anonymous access is not allowed.");
  }

  private Authentication headerAuth(
      String method, String rawPath, String rawQuery, MultiMap headers, String authorization) {
    AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
    User user = userOf(auth.accessKey());
    checkScope(auth.date(), auth.region(), auth.service(), S3Error.AUTHORIZATION_HEADER_MALFORMED);
    String amzDate = headers.get("x-amz-date");
    Instant time = amzDate != null ? HttpDates.parseAmzDate(amzDate) : null;
    if (time == null && amzDate == null && headers.get("Date") != null) {
      time = HttpDates.parseHttpDate(headers.get("Date"));
      amzDate = time == null ? null : HttpDates.AMZ_DATE.format(time);
    }
    if (time == null) {
      throw S3Error.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
    }
    checkSkew(time);
    if (!amzDate.startsWith(auth.date())) {
      throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("Invalid credential date. Date is not the same as X-Amz-Date.");
    }
    if (!auth.signedHeaders().contains("host")) {
      throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("the host header must be signed");
    }
    String payload = headers.get("x-amz-content-sha256");
    if (payload == null) {
      throw S3Error.INVALID_REQUEST.exception("Missing required header for this request: x-amz-content-sha256");
    }
    PayloadMode mode = PayloadMode.of(payload);
    String canonical = CanonicalRequest.build(
        method, rawPath, rawQuery, headers, auth.signedHeaders(), payload, null);
    byte[] key = keys.get(auth.accessKey(), user.secretKey(), auth.date(), auth.region());
    String scope = SigV4.scope(auth.date(), auth.region(), auth.service());
    String expected = SigV4.sign(key, SigV4.stringToSign(amzDate, scope, canonical));
    if (!ChunkSigner.sameSignature(expected, auth.signature())) {
      throw mismatch(canonical);
    }
    Optional<ChunkSigner> chunks = mode.signedChunks()
        ? Optional.of(new ChunkSigner(key, amzDate, scope, expected))
        : Optional.empty();
    Optional<String> sha = mode == PayloadMode.SHA256_HEX ? Optional.of(payload.toLowerCase()) : Optional.empty();
    return new Authentication(user, mode, sha, chunks);
  }

  private Authentication presignedAuth(
      String method, String rawPath, String rawQuery, MultiMap headers, PresignedQuery q) {
    User user = userOf(q.accessKey());
    checkScope(q.date(), q.region(), q.service(), S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    Instant now = clock.instant();
    if (q.time().isAfter(now.plus(maxSkew))) {
      throw S3Error.ACCESS_DENIED.exception("Request is not valid yet");
    }
    if (now.isAfter(q.time().plusSeconds(q.expiresSeconds()))) {
      throw S3Error.ACCESS_DENIED.exception("Request has expired");
    }
    if (!q.signedHeaders().contains("host")) {
      throw S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception("the host header must be signed");
    }
    String payload = Optional.ofNullable(headers.get("x-amz-content-sha256")).orElse("UNSIGNED-PAYLOAD");
    PayloadMode mode = PayloadMode.of(payload);
    if (mode.chunked()) {
      throw S3Error.INVALID_REQUEST.exception("streaming payloads cannot be presigned");
    }
    String canonical = CanonicalRequest.build(
        method, rawPath, rawQuery, headers, q.signedHeaders(), payload, "X-Amz-Signature");
    byte[] key = keys.get(q.accessKey(), user.secretKey(), q.date(), q.region());
    String scope = SigV4.scope(q.date(), q.region(), q.service());
    String expected = SigV4.sign(key, SigV4.stringToSign(q.amzDate(), scope, canonical));
    if (!ChunkSigner.sameSignature(expected, q.signature())) {
      throw mismatch(canonical);
    }
    Optional<String> sha = mode == PayloadMode.SHA256_HEX ? Optional.of(payload.toLowerCase()) : Optional.empty();
    return new Authentication(user, mode, sha, Optional.empty());
  }

  /** As S3 does, the message shows the canonical request we computed, to help clients debug. */
  private static S3Exception mismatch(String canonical) {
    return S3Error.SIGNATURE_DOES_NOT_MATCH.exception(
        S3Error.SIGNATURE_DOES_NOT_MATCH.message() + " CanonicalRequest: " + canonical.replace("\n", "\\n"));
  }

  private User userOf(String accessKey) {
    return users.byAccessKey(accessKey).orElseThrow(S3Error.INVALID_ACCESS_KEY_ID::exception);
  }

  private void checkScope(String date, String scopeRegion, String service, S3Error error) {
    if (!region.equals(scopeRegion)) {
      throw error.exception("the region '" + scopeRegion + "' is wrong; expecting '" + region + "'");
    }
    if (!SigV4.SERVICE.equals(service)) {
      throw error.exception("the service '" + service + "' is wrong; expecting 's3'");
    }
    if (date.length() != 8 || !date.chars().allMatch(Character::isDigit)) {
      throw error.exception("bad credential date '" + date + "'");
    }
  }

  private void checkSkew(Instant time) {
    Duration skew = Duration.between(time, clock.instant()).abs();
    if (skew.compareTo(maxSkew) > 0) {
      throw S3Error.REQUEST_TIME_TOO_SKEWED.exception();
    }
  }

  /** The parsed Authorization header. */
  record AuthorizationHeader(
      String accessKey, String date, String region, String service, List<String> signedHeaders, String signature) {
    static AuthorizationHeader parse(String value) {
      String v = value.trim();
      if (!v.startsWith(SigV4.ALGORITHM + " ")) {
        if (v.startsWith("AWS ")) {
          throw S3Error.INVALID_REQUEST.exception("Signature Version 2 is not supported; use AWS4-HMAC-SHA256.");
        }
        throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("unsupported authorization algorithm");
      }
      String credential = null;
      String signed = null;
      String signature = null;
      for (String part : v.substring(SigV4.ALGORITHM.length()).split(",")) {
        String p = part.trim();
        if (p.startsWith("Credential=")) {
          credential = p.substring("Credential=".length());
        } else if (p.startsWith("SignedHeaders=")) {
          signed = p.substring("SignedHeaders=".length());
        } else if (p.startsWith("Signature=")) {
          signature = p.substring("Signature=".length());
        }
      }
      if (credential == null || signed == null || signature == null) {
        throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("missing Credential, SignedHeaders or Signature");
      }
      String[] c = credential.split("/", -1);
      if (c.length != 5 || !SigV4.TERMINATOR.equals(c[4]) || c[0].isEmpty()) {
        throw S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("malformed Credential");
      }
      return new AuthorizationHeader(c[0], c[1], c[2], c[3], headerList(signed), signature);
    }
  }

  static List<String> headerList(String signed) {
    return Arrays.stream(signed.split(";")).map(s -> s.trim().toLowerCase()).filter(s -> !s.isEmpty()).toList();
  }
}
