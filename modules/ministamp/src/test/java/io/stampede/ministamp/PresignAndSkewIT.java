package io.stampede.ministamp;

import static io.stampede.ministamp.S3OperationsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned URLs and request times against a stamp whose clock runs an hour ahead of the
 * client's: presigned URLs expire by the stamp's clock, header-signed requests are
 * RequestTimeTooSkewed, and the SDK with default settings corrects its clock from our Date header.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PresignAndSkewIT {
  static final Duration AHEAD = Duration.ofHours(1);
  @TempDir static Path dir;
  static MiniStamp stamp;
  static S3Presigner presigner;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    stamp = MiniStamp.builder(dir).racks(3, 1).partitionServers(1)
        .credentials(Map.of(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY, "other", "other-secret"))
        .clock(Clock.offset(Clock.systemUTC(), AHEAD))
        .seed(TestStamps.seed())
        .start();
    presigner = TestStamps.presigner(stamp, StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY);
    try (S3Client s3 = TestStamps.s3(stamp)) {
      s3.createBucket(b -> b.bucket("shared"));
      s3.putObject(b -> b.bucket("shared").key("file"), RequestBody.fromString("contents"));
    }
    SdkGlobalTime.setGlobalTimeOffset(0);
  }

  /**
   * A client that corrects its clock also sets the SDK's JVM-wide offset, which every client
   * created later starts from: put it back so that the next client, and the next test class,
   * start from the real clock.
   */
  @AfterAll
  static void stop() {
    SdkGlobalTime.setGlobalTimeOffset(0);
    if (presigner != null) {
      presigner.close();
    }
    if (stamp != null) {
      stamp.close();
    }
  }

  static URI presignedGet(S3Presigner p, Duration valid, String key) throws Exception {
    return p.presignGetObject(r -> r.signatureDuration(valid).getObjectRequest(g -> g.bucket("shared").key(key)))
        .url().toURI();
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertS3Error(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertThat(r.body()).contains("<Code>" + code + "</Code>");
    assertThat(r.headers().firstValue("x-amz-request-id")).isPresent();
  }

  @Test
  void presignedGetAndPutWorkWhileValid() throws Exception {
    URI put = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofHours(2))
        .putObjectRequest(p -> p.bucket("shared").key("uploaded by url"))).url().toURI();
    HttpResponse<String> stored = send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("via url")));
    assertEquals(200, stored.statusCode(), stored.body());
    HttpResponse<String> got = send(HttpRequest.newBuilder(presignedGet(presigner, Duration.ofHours(2), "uploaded by url")));
    assertEquals(200, got.statusCode(), got.body());
    assertEquals("via url", got.body());
  }

  @Test
  void presignedUrlsExpireByTheStampsClock() throws Exception {
    // Signed now for five minutes: by the stamp's clock, an hour ahead, that was 55 minutes ago.
    HttpResponse<String> r = send(HttpRequest.newBuilder(presignedGet(presigner, Duration.ofMinutes(5), "file")));
    assertS3Error(r, 403, "AccessDenied");
    assertThat(r.body()).contains("<Message>Request has expired</Message>");
    URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
        .putObjectRequest(o -> o.bucket("shared").key("late"))).url().toURI();
    assertS3Error(send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("x"))), 403, "AccessDenied");
    assertEquals(404, send(HttpRequest.newBuilder(presignedGet(presigner, Duration.ofHours(2), "late"))).statusCode());
  }

  @Test
  void badExpiriesSignaturesAndSignersAreRefused() throws Exception {
    URI url = presignedGet(presigner, Duration.ofHours(2), "file");
    String query = url.getRawQuery();
    assertThat(query).contains("X-Amz-Expires=7200");
    for (String bad : List.of("604801", "-1", "soon")) {
      URI tampered = URI.create(url.toString().replace("X-Amz-Expires=7200", "X-Amz-Expires=" + bad));
      HttpResponse<String> r = send(HttpRequest.newBuilder(tampered));
      assertS3Error(r, 400, "AuthorizationQueryParametersError");
    }
    URI longer = URI.create(url.toString().replace("X-Amz-Expires=7200", "X-Amz-Expires=7201"));
    assertS3Error(send(HttpRequest.newBuilder(longer)), 403, "SignatureDoesNotMatch");
    try (S3Presigner other = TestStamps.presigner(stamp, "other", "other-secret");
        S3Presigner nobody = TestStamps.presigner(stamp, "nobody", "secret")) {
      assertS3Error(send(HttpRequest.newBuilder(presignedGet(other, Duration.ofHours(2), "file"))), 403, "AccessDenied");
      assertS3Error(send(HttpRequest.newBuilder(presignedGet(nobody, Duration.ofHours(2), "file"))), 403,
          "InvalidAccessKeyId");
    }
  }

  @Test
  void headerSignedRequestsFromASkewedClientAreRefusedAndTheSdkCorrectsItself() throws Exception {
    try (S3Client noRetries = TestStamps.s3Builder(stamp.s3Endpoint(), StampConfig.DEFAULT_ACCESS_KEY,
            StampConfig.DEFAULT_SECRET_KEY)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build()) {
      assertError(403, "RequestTimeTooSkewed", () -> noRetries.putObject(b -> b.bucket("shared").key("skewed"),
          RequestBody.fromString("x")));
    }
    SdkGlobalTime.setGlobalTimeOffset(0);
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        statuses.add(context.httpResponse().statusCode());
      }
    };
    try (S3Client defaults = TestStamps.s3Builder(stamp.s3Endpoint(), StampConfig.DEFAULT_ACCESS_KEY,
            StampConfig.DEFAULT_SECRET_KEY)
        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
        .build()) {
      assertThat(defaults.listBuckets().buckets()).isNotEmpty();
      assertEquals(List.of(403, 200), statuses);
      assertEquals("contents", defaults.getObjectAsBytes(b -> b.bucket("shared").key("file")).asUtf8String());
      assertEquals(List.of(403, 200, 200), statuses);
      assertThrows(NoSuchKeyException.class, () -> defaults.headObject(b -> b.bucket("shared").key("skewed")));
    }
    SdkGlobalTime.setGlobalTimeOffset(0);
    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create("http://" + stamp.s3Endpoint() + "/")));
    Instant date = ZonedDateTime.parse(anonymous.headers().firstValue("Date").orElseThrow(),
        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    assertThat(Duration.between(Instant.now().plus(AHEAD), date).abs()).isLessThan(Duration.ofMinutes(1));
  }
}
