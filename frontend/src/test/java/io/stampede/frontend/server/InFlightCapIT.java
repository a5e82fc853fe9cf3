package io.stampede.frontend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.StampId;
import io.stampede.frontend.testing.InMemoryLocationApi;
import io.stampede.frontend.testing.InMemoryPartitionApi;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** A front end serves at most its cap of requests at once and answers the next 503 SlowDown. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InFlightCapIT {
  private static final String AK = "stampede";
  private static final String SK = "stampede-secret";

  @Test
  void requestsBeyondTheCapAreRefusedSlowDownUntilOnesInFlightEnd() throws Exception {
    Vertx vertx = Vertx.vertx();
    Clock clock = Clock.systemUTC();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FrontendConfig config = FrontendConfig.defaults(FrontendNodeId.of("fe-cap"), StampId.of("it"), Map.of(AK, SK))
        .withEndpoint("127.0.0.1", 0).withRequestsInFlightMax(2);
    FrontendServer server = new FrontendServer(vertx, config, new InMemoryPartitionApi(clock),
        new InMemoryLocationApi(clock), registry, clock);
    server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String endpoint = "http://127.0.0.1:" + server.port();
    List<Socket> slow = new ArrayList<>();
    try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
            .forcePathStyle(true).build();
        S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
      s3.createBucket(b -> b.bucket("cap"));
      // two uploads whose bodies never finish hold both places
      for (int i = 0; i < 2; i++) {
        int n = i;
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
            .putObjectRequest(r -> r.bucket("cap").key("slow-" + n))).url().toURI();
        Socket socket = new Socket("127.0.0.1", server.port());
        slow.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("PUT " + put.getRawPath() + "?" + put.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
            + "\r\nContent-Length: 1000\r\n\r\nfirst bytes").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        S3Exception refused = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class, s3::listBuckets);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
      });
      assertThat(registry.get("stampede.frontend.refused").tag("reason", "in_flight").counter().count())
          .isGreaterThanOrEqualTo(1);
      for (Socket s : slow) {
        s.close();
      }
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> s3.listBuckets().buckets().size() == 1);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
