package io.stampede.frontend.testing;

import io.stampede.common.checksum.ChecksumAlgorithm;
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

/** Requests signed by the AWS SDK's own SigV4 signer, to check our verifier against it. */
public record SdkSigned(String method, String rawPath, String rawQuery, MultiMap headers, byte[] body) {
  public enum Mode { SHA256, UNSIGNED, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER, PRESIGNED }

  public static SdkSigned sign(
      Mode mode, SdkHttpMethod method, String uri, byte[] body, String accessKey, String secret, Clock clock) {
    // https: over http the SDK signer insists on signing the payload.
    SdkHttpRequest.Builder req = SdkHttpRequest.builder().method(method).uri(URI.create(uri.replace("http://", "https://")));
    if (body.length > 0 || method == SdkHttpMethod.PUT) {
      req.putHeader("Content-Length", Integer.toString(body.length));
    }
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
      r.identity(AwsCredentialsIdentity.create(accessKey, secret))
          .request(req.build())
          .payload(ContentStreamProvider.fromByteArray(body))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
          .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
          .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
          .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
          .putProperty(HttpSigner.SIGNING_CLOCK, clock)
          .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED,
              mode == Mode.SHA256 || mode == Mode.STREAMING_SIGNED || mode == Mode.STREAMING_SIGNED_TRAILER)
          .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, mode.name().startsWith("STREAMING"));
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
    byte[] payload = signed.payload().map(SdkSigned::read).orElse(new byte[0]);
    URI signedUri = signed.request().getUri();
    return new SdkSigned(method.name(), signedUri.getRawPath(), signedUri.getRawQuery(), headers, payload);
  }

  private static byte[] read(ContentStreamProvider p) {
    try (InputStream in = p.newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
