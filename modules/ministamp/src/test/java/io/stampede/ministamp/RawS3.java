package io.stampede.ministamp;

import io.stampede.common.net.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests the SDK will not send (a malformed document, a header it would never write), signed by
 * the SDK's own SigV4 signer with the default credentials and sent as they are.
 */
final class RawS3 {
  private final Endpoint endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  RawS3(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Sends {@code method pathAndQuery} (already URI-encoded) with {@code headers} and {@code body}. */
  HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    SdkHttpRequest.Builder req = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
        .uri(URI.create("http://" + endpoint + pathAndQuery));
    headers.forEach(req::putHeader);
    req.putHeader("Content-Length", Integer.toString(body.length));
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY))
        .request(req.build())
        .payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
    HttpRequest.Builder out = HttpRequest.newBuilder(signed.request().getUri())
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    signed.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(v -> out.header(name, v));
      }
    });
    try {
      return http.send(out.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
