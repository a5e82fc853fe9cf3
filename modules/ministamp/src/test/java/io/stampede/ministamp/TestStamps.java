package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.net.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Stamps and S3 clients for the integration tests. */
final class TestStamps {
  private TestStamps() {}

  /** The seed of this run: {@code -Dstampede.seed=N} replays one. */
  static long seed() {
    long seed = Long.getLong("stampede.seed", System.nanoTime());
    System.out.println("TestStamps seed " + seed + " (replay with -Dstampede.seed=" + seed + ")");
    return seed;
  }

  /** A default-shaped stamp on free ports in {@code dir}, with small extents so they roll over. */
  static StampConfig config(Path dir) {
    StampConfig c = StampConfig.defaults(dir).withExtentBytesTarget(8L << 20)
        .withCredentials(java.util.Map.of(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY,
            "other", "other-secret"));
    return PortPlan.findFree(c, new Random(seed())).applyTo(c);
  }

  /**
   * The failure tests' stamp: 4 racks x 2 extent nodes, 2 MiB extents, heartbeats every 500 ms
   * and a node dead after 3 s of silence.
   */
  static MiniStamp.Builder failureStamp(Path dir) {
    return MiniStamp.builder(dir).racks(4, 2).extentBytesTarget(2L << 20)
        .nodeTimeouts(Duration.ofMillis(500), Duration.ofSeconds(3)).seed(seed());
  }

  /** The AWS SDK's S3 client with default settings, pointed at the stamp (path-style). */
  static S3Client s3(MiniStamp stamp) {
    return s3(stamp.s3Endpoint(), StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY);
  }

  static S3Client s3(MiniStamp stamp, String accessKey, String secretKey) {
    return s3(stamp.s3Endpoint(), accessKey, secretKey);
  }

  static S3Client s3(Endpoint endpoint, String accessKey, String secretKey) {
    return s3Builder(endpoint, accessKey, secretKey).build();
  }

  /** A builder of the SDK's S3 client with default settings, pointed at the stamp (path-style). */
  static S3ClientBuilder s3Builder(Endpoint endpoint, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(URI.create("http://" + endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true);
  }

  /** The AWS SDK's presigner for {@code accessKey}, path-style, at the stamp. */
  static S3Presigner presigner(MiniStamp stamp, String accessKey, String secretKey) {
    return S3Presigner.builder()
        .endpointOverride(URI.create("http://" + stamp.s3Endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  /** Runs {@code call}, which must fail with this S3 error status and code, with a request id. */
  static S3Exception assertS3Error(int status, String code, Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertThat(e.statusCode()).as(e.toString()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).as(e.toString()).isEqualTo(code);
    assertThat(e.requestId()).isNotEmpty();
    return e;
  }

  /** Reads every object of the ledger back through S3 and compares MD5s. */
  /**
   * The sum of the stamp's Prometheus samples named {@code name} (e.g.
   * {@code stampede_frontend_requests_seconds_count}) whose labels contain {@code labels} (e.g.
   * {@code node="fe1"}), from its console.
   */
  static double metric(MiniStamp stamp, String name, String labels) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String text = http.send(HttpRequest.newBuilder(URI.create("http://" + stamp.consoleEndpoint() + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    return text.lines()
        .filter(l -> l.startsWith(name + "{") && l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  static StampInvariants.Report readBack(S3Client s3, java.util.Map<String, byte[]> ledger) {
    return StampInvariants.ledger(ledger, name -> {
      String[] parts = name.split("/", 2);
      return s3.getObject(b -> b.bucket(parts[0]).key(parts[1]));
    });
  }

  /** Runs {@code body}; if it fails, prints the stamp's status table first. */
  static void describedOnFailure(MiniStamp stamp, Body body) throws Exception {
    try {
      body.run();
    } catch (Exception | AssertionError e) {
      try {
        System.out.println("stamp at the failure:\n" + StatusTable.render(stamp.describe()));
      } catch (RuntimeException describeFailed) {
        System.out.println("stamp could not be described: " + describeFailed);
      }
      throw e;
    }
  }

  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }
}
