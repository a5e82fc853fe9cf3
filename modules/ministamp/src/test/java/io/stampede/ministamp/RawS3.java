package io.stampede.ministamp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests the SDK will not send (malformed documents, CORS preflights), signed by the SDK's own
 * SigV4 signer when they carry credentials, over the JDK's HTTP client.
 */
final class RawS3 {
  /** Headers the JDK client sets itself. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String endpoint;

  RawS3(MiniStamp stamp) {
    this.endpoint = "http://" + stamp.s3Endpoint();
  }

  /** A request signed for the default user, with a body whose SHA-256 is signed. */
  HttpResponse<String> signed(String method, String pathAndQuery, String body) {
    return signed(method, pathAndQuery, body, Map.of());
  }

  /** A request signed for the default user with extra (signed) headers. */
  HttpResponse<String> signed(String method, String pathAndQuery, String body, Map<String, String> headers) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest.Builder req = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(method)).uri(URI.create(endpoint + pathAndQuery));
    if (bytes.length > 0) {
      req.putHeader("Content-Length", Integer.toString(bytes.length));
    }
    headers.forEach(req::putHeader);
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY))
        .request(req.build())
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
    HttpRequest.Builder out = HttpRequest.newBuilder(signed.request().getUri())
        .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
        h.getValue().forEach(v -> out.header(h.getKey(), v));
      }
    }
    return send(out.build());
  }

  /** An unsigned request with the given headers (name, value, name, value...). */
  HttpResponse<String> anonymous(String method, String pathAndQuery, String... headers) {
    HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      out.headers(headers);
    }
    return send(out.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code <Code>} of an S3 error document. */
  static String errorCode(HttpResponse<String> response) {
    String body = response.body();
    int start = body.indexOf("<Code>");
    return start < 0 ? "" : body.substring(start + 6, body.indexOf("</Code>", start));
  }
}
