package io.stampede.microbench;

import io.vertx.core.MultiMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A request as the AWS SDK's own SigV4 signer signs it, and its body as the SDK frames it: what
 * the front end verifies and decodes in production. The same recipe as the front end's test
 * helper {@code SdkSigned}, which lives in test sources this module cannot see.
 */
public record SdkSignedRequest(String method, String rawPath, String rawQuery, MultiMap headers, byte[] body) {
  static final String ACCESS_KEY = "stampede";
  static final String SECRET_KEY = "stampede-secret";
  static final String REGION = "us-east-1";

  /** How the payload is signed; the names match {@code x-amz-content-sha256}'s values. */
  public enum Mode {
    /** {@code x-amz-content-sha256: <hex>}, the body sent as is. */
    SHA256,
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: the SDK's default over https (or async). */
    STREAMING_UNSIGNED_TRAILER,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: checksums only when required, over http. */
    STREAMING_SIGNED,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: the SDK's default over http. */
    STREAMING_SIGNED_TRAILER,
    /** A presigned URL (query-string SigV4), unsigned payload. */
    PRESIGNED;

    boolean chunked() {
      return name().startsWith("STREAMING");
    }

    boolean signsPayload() {
      return this == SHA256 || this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }
  }

  static SdkSignedRequest sign(Mode mode, SdkHttpMethod method, String uri, byte[] body, Clock clock) {
    // https: over http the SDK signer insists on signing the payload.
    SdkHttpRequest.Builder req = SdkHttpRequest.builder().method(method)
        .uri(URI.create(uri.replace("http://", "https://")));
    if (body.length > 0 || method == SdkHttpMethod.PUT) {
      req.putHeader("Content-Length", Integer.toString(body.length));
    }
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
      r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
          .request(req.build())
          .payload(ContentStreamProvider.fromByteArray(body))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
          .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
          .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
          .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
          .putProperty(HttpSigner.SIGNING_CLOCK, clock)
          .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, mode.signsPayload())
          .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, mode.chunked());
      if (mode.name().endsWith("TRAILER")) {
        r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
      }
      if (mode == Mode.PRESIGNED) {
        r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
            .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, java.time.Duration.ofMinutes(5));
      }
    });
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      h.getValue().forEach(v -> headers.add(h.getKey(), v));
    }
    if (!headers.contains("Host")) {
      SdkHttpRequest r = signed.request();
      headers.add("Host", r.host() + (r.port() == 443 ? "" : ":" + r.port()));
    }
    byte[] payload = signed.payload().map(SdkSignedRequest::read).orElse(new byte[0]);
    URI signedUri = signed.request().getUri();
    return new SdkSignedRequest(method.name(), signedUri.getRawPath(), signedUri.getRawQuery(), headers, payload);
  }

  private static byte[] read(ContentStreamProvider p) {
    try (InputStream in = p.newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
