package io.stampede.frontend.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.StampId;
import io.stampede.frontend.testing.HangingPartitionApi;
import io.stampede.frontend.testing.InMemoryLocationApi;
import io.stampede.frontend.testing.InMemoryPartitionApi;
import io.stampede.partition.api.PartitionApi;
import io.vertx.core.Vertx;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The front end over in-memory lower layers, driven by the real AWS SDK v2 over loopback HTTP. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FrontendServerIT {
  static final String AK = "stampede";
  static final String SK = "stampede-secret";
  static Vertx vertx;
  static FrontendServer server;
  static InMemoryPartitionApi partitions;
  static SimpleMeterRegistry registry = new SimpleMeterRegistry();
  static S3Client s3;
  static String endpoint;
  static final List<S3Client> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Clock clock = Clock.systemUTC();
    partitions = new InMemoryPartitionApi(clock);
    FrontendConfig config = FrontendConfig.defaults(FrontendNodeId.of("fe-it"), StampId.of("it"),
            Map.of(AK, SK, "other", "other-secret"))
        .withEndpoint("127.0.0.1", 0)
        .withMaxObjectBytes(16L << 20);
    server = new FrontendServer(vertx, config, partitions, new InMemoryLocationApi(clock), registry, clock);
    server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    endpoint = "http://127.0.0.1:" + server.port();
    s3 = client(AK, SK, b -> { });
  }

  @AfterAll
  static void stop() throws Exception {
    clients.forEach(S3Client::close);
    if (server != null) {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static S3Client client(String ak, String sk, Consumer<S3ClientBuilder> custom) {
    S3ClientBuilder b = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ak, sk)))
        .forcePathStyle(true);
    custom.accept(b);
    S3Client c = b.build();
    clients.add(c);
    return c;
  }

  static S3Exception s3Error(int status, String code, Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertEquals(status, e.statusCode(), e.toString());
    if (code != null) {
      assertEquals(code, e.awsErrorDetails().errorCode(), e.toString());
    }
    assertNotNull(e.requestId());
    return e;
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  static String md5(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  @Test
  void bucketLifecycle() {
    s3.createBucket(b -> b.bucket("life"));
    assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("life")));
    assertEquals("us-east-1", s3.headBucket(b -> b.bucket("life")).sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElseThrow());
    assertEquals("", s3.getBucketLocation(b -> b.bucket("life")).locationConstraintAsString());
    s3Error(409, "BucketAlreadyOwnedByYou", () -> s3.createBucket(b -> b.bucket("life")));
    S3Client other = client("other", "other-secret", b -> { });
    s3Error(409, "BucketAlreadyExists", () -> other.createBucket(b -> b.bucket("life")));
    s3Error(403, null, () -> other.headBucket(b -> b.bucket("life")));
    s3Error(403, "AccessDenied", () -> other.listObjectsV2(b -> b.bucket("life")));
    assertFalse(other.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("life")));
    s3Error(400, "InvalidBucketName", () -> s3.createBucket(b -> b.bucket("xn--bucket")));
    s3Error(400, "InvalidBucketName", () -> s3.createBucket(b -> b.bucket("bucket-s3alias")));
    s3.putObject(b -> b.bucket("life").key("k"), RequestBody.fromString("x"));
    s3Error(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket("life")));
    s3.deleteObject(b -> b.bucket("life").key("k"));
    s3.deleteBucket(b -> b.bucket("life"));
    s3Error(404, null, () -> s3.headBucket(b -> b.bucket("life")));
    s3Error(404, "NoSuchBucket", () -> s3.listObjects(b -> b.bucket("life")));
    s3Error(404, "NoSuchBucket", () -> s3.deleteObject(b -> b.bucket("life").key("k")));
    s3Error(404, "NoSuchBucket", () -> s3.putObject(b -> b.bucket("life").key("k"), RequestBody.fromString("x")));
  }

  @Test
  void createBucketWithConfiguration() {
    s3.createBucket(b -> b.bucket("configured").createBucketConfiguration(c -> c.locationConstraint("us-east-1")));
    s3Error(400, "IllegalLocationConstraintException",
        () -> s3.createBucket(b -> b.bucket("elsewhere").createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))));
  }

  @Test
  void putGetHeadDeleteWithEveryPayloadMode() throws Exception {
    s3.createBucket(b -> b.bucket("objects"));
    S3Client whenRequired = client(AK, SK, b -> b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.addExecutionInterceptor(PAYLOAD_MODES)));
    S3Client defaults = client(AK, SK, b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(PAYLOAD_MODES)));
    for (S3Client c : List.of(defaults, whenRequired)) {
      for (int size : new int[] {0, 1, 100_000, 3 << 20}) {
        byte[] data = random(size);
        String key = "dir/obj-" + size + (c == defaults ? "-default" : "-required");
        String etag = c.putObject(b -> b.bucket("objects").key(key).contentType("text/x-test")
            .cacheControl("max-age=60").contentDisposition("inline").contentLanguage("en").contentEncoding("identity")
            .metadata(Map.of("color", "blue", "Shape", "round")), RequestBody.fromBytes(data)).eTag();
        assertEquals("\"" + md5(data) + "\"", etag);
        assertArrayEquals(data, partitions.bytes("objects", key).orElseThrow(), "framing must not be stored");
        ResponseBytes<GetObjectResponse> got = c.getObjectAsBytes(b -> b.bucket("objects").key(key));
        assertArrayEquals(data, got.asByteArray());
        GetObjectResponse r = got.response();
        assertEquals(etag, r.eTag());
        assertEquals("text/x-test", r.contentType());
        assertEquals("max-age=60", r.cacheControl());
        assertEquals("inline", r.contentDisposition());
        assertEquals("en", r.contentLanguage());
        assertEquals("identity", r.contentEncoding());
        assertEquals(Map.of("color", "blue", "shape", "round"), r.metadata());
        assertEquals(size, r.contentLength());
        assertNotNull(r.lastModified());
        HeadObjectResponse head = c.headObject(b -> b.bucket("objects").key(key));
        assertEquals(size, head.contentLength());
        assertEquals(etag, head.eTag());
        assertEquals("bytes", head.acceptRanges());
      }
    }
    assertTrue(PAYLOAD_MODES.seen.contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"), PAYLOAD_MODES.seen.toString());
    assertTrue(PAYLOAD_MODES.seen.contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), PAYLOAD_MODES.seen.toString());
    s3.putObject(b -> b.bucket("objects").key("untyped"), RequestBody.fromBytes(new byte[] {1}));
    s3.deleteObject(b -> b.bucket("objects").key("untyped"));
    s3.deleteObject(b -> b.bucket("objects").key("untyped"));
    s3Error(404, "NoSuchKey", () -> s3.getObject(b -> b.bucket("objects").key("untyped")));
    s3Error(404, null, () -> s3.headObject(b -> b.bucket("objects").key("untyped")));
  }

  @Test
  void rangesAndResponseOverrides() {
    s3.createBucket(b -> b.bucket("ranges"));
    byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
    s3.putObject(b -> b.bucket("ranges").key("r"), RequestBody.fromBytes(data));
    ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=2-5"));
    assertEquals("2345", part.asUtf8String());
    assertEquals("bytes 2-5/10", part.response().contentRange());
    assertEquals(206, part.response().sdkHttpResponse().statusCode());
    assertEquals("789", s3.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=-3")).asUtf8String());
    assertEquals("0123456789", s3.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=5-2")).asUtf8String());
    s3Error(416, "InvalidRange", () -> s3.getObject(b -> b.bucket("ranges").key("r").range("bytes=10-")));
    GetObjectResponse o = s3.getObjectAsBytes(b -> b.bucket("ranges").key("r")
        .responseContentType("text/override").responseCacheControl("no-store")).response();
    assertEquals("text/override", o.contentType());
    assertEquals("no-store", o.cacheControl());
  }

  @Test
  void listingsV1AndV2() {
    s3.createBucket(b -> b.bucket("lists"));
    List<String> keys = List.of("a/1", "a/2", "b/1", "c", "d e+f&g<h>\u00e9", "z");
    for (String k : keys) {
      s3.putObject(b -> b.bucket("lists").key(k), RequestBody.fromString(k));
    }
    ListObjectsV2Response all = s3.listObjectsV2(b -> b.bucket("lists"));
    assertEquals(keys, all.contents().stream().map(S3Object::key).toList());
    assertEquals(keys.size(), all.keyCount());
    ListObjectsV2Response tree = s3.listObjectsV2(b -> b.bucket("lists").delimiter("/"));
    assertEquals(List.of("a/", "b/"), tree.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    assertEquals(List.of("c", "d e+f&g<h>\u00e9", "z"), tree.contents().stream().map(S3Object::key).toList());
    ListObjectsV2Response encoded = s3.listObjectsV2(b -> b.bucket("lists").prefix("d e").encodingType(EncodingType.URL));
    assertEquals(List.of("d e+f&g<h>\u00e9"), encoded.contents().stream().map(S3Object::key).toList());
    List<String> paged = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket("lists").maxKeys(2).delimiter("/"))
        .forEach(p -> {
          assertTrue(p.keyCount() <= 2);
          p.contents().forEach(o -> paged.add(o.key()));
          p.commonPrefixes().forEach(cp -> paged.add(cp.prefix()));
        });
    assertEquals(List.of("a/", "b/", "c", "d e+f&g<h>\u00e9", "z"), paged);
    assertEquals(List.of("c", "d e+f&g<h>\u00e9", "z"),
        s3.listObjectsV2(b -> b.bucket("lists").startAfter("b/1")).contents().stream().map(S3Object::key).toList());
    ListObjectsResponse v1 = s3.listObjects(b -> b.bucket("lists").maxKeys(2).delimiter("/").marker("a/"));
    assertTrue(v1.isTruncated());
    assertEquals(List.of("b/"), v1.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    assertEquals(List.of("c"), v1.contents().stream().map(S3Object::key).toList());
    assertEquals("c", v1.nextMarker());
    List<String> v1paged = new ArrayList<>();
    String marker = "";
    ListObjectsResponse page;
    do {
      String from = marker;
      page = s3.listObjects(b -> b.bucket("lists").maxKeys(1).marker(from));
      page.contents().forEach(o -> v1paged.add(o.key()));
      assertEquals(null, page.nextMarker(), "NextMarker only with a delimiter");
      marker = page.contents().isEmpty() ? marker : page.contents().get(page.contents().size() - 1).key();
    } while (page.isTruncated());
    assertEquals(keys, v1paged);
    assertEquals(0, s3.listObjectsV2(b -> b.bucket("lists").maxKeys(0)).keyCount());
    s3Error(400, "InvalidArgument", () -> s3.listObjectsV2(b -> b.bucket("lists").maxKeys(-1)));
  }

  @Test
  void authenticationFailures() throws Exception {
    s3.createBucket(b -> b.bucket("auth"));
    s3Error(403, "SignatureDoesNotMatch", () -> client(AK, "wrong", b -> { }).listBuckets());
    s3Error(403, "SignatureDoesNotMatch",
        () -> client(AK, "wrong", b -> { }).putObject(r -> r.bucket("auth").key("k"), RequestBody.fromBytes(random(2 << 20))));
    s3Error(403, "InvalidAccessKeyId", () -> client("nobody", SK, b -> { }).listBuckets());
    assertTrue(partitions.bytes("auth", "k").isEmpty());
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/auth/k")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, anonymous.statusCode());
    assertTrue(anonymous.body().contains("<Code>AccessDenied</Code>"), anonymous.body());
    String id = anonymous.headers().firstValue("x-amz-request-id").orElseThrow();
    assertTrue(anonymous.body().contains("<RequestId>" + id + "</RequestId>"));
    String id2 = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).build(), HttpResponse.BodyHandlers.ofString())
        .headers().firstValue("x-amz-request-id").orElseThrow();
    assertNotEquals(id, id2);
  }

  @Test
  void digestsAndLimits() {
    s3.createBucket(b -> b.bucket("digests"));
    s3Error(400, "BadDigest", () -> s3.putObject(b -> b.bucket("digests").key("md5").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
        RequestBody.fromString("not empty")));
    s3Error(400, "InvalidDigest", () -> s3.putObject(b -> b.bucket("digests").key("md5").contentMD5("nope"),
        RequestBody.fromString("x")));
    s3.putObject(b -> b.bucket("digests").key("md5").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.empty());
    s3Error(400, "BadDigest", () -> s3.putObject(b -> b.bucket("digests").key("crc").checksumCRC32("AAAAAA=="),
        RequestBody.fromString("abc")));
    assertTrue(partitions.bytes("digests", "crc").isEmpty());
    String longKey = "k".repeat(1025);
    s3Error(400, "KeyTooLongError", () -> s3.putObject(b -> b.bucket("digests").key(longKey), RequestBody.fromString("x")));
    s3Error(400, "EntityTooLarge", () -> s3.putObject(b -> b.bucket("digests").key("big"),
        RequestBody.fromBytes(new byte[(16 << 20) + 1])));
    s3.putObject(b -> b.bucket("digests").key("after"), RequestBody.fromString("connection still fine"));
    assertEquals("connection still fine", s3.getObjectAsBytes(b -> b.bucket("digests").key("after")).asUtf8String());
  }

  @Test
  void virtualHostedStyle() {
    S3Client vhost = client(AK, SK, b -> b.forcePathStyle(false)
        .endpointOverride(URI.create("http://localhost:" + server.port()))
        .httpClient(Apache5HttpClient.builder().dnsResolver(new LoopbackResolver()).build()));
    vhost.createBucket(b -> b.bucket("vhosted"));
    vhost.putObject(b -> b.bucket("vhosted").key("a/b c"), RequestBody.fromString("virtual"));
    assertEquals("virtual", vhost.getObjectAsBytes(b -> b.bucket("vhosted").key("a/b c")).asUtf8String());
    assertEquals("virtual", s3.getObjectAsBytes(b -> b.bucket("vhosted").key("a/b c")).asUtf8String());
    assertEquals(List.of("a/b c"), vhost.listObjectsV2(b -> b.bucket("vhosted")).contents().stream().map(S3Object::key).toList());
    vhost.deleteObject(b -> b.bucket("vhosted").key("a/b c"));
    vhost.deleteBucket(b -> b.bucket("vhosted"));
  }

  @Test
  void presignedGet() throws Exception {
    s3.createBucket(b -> b.bucket("presigned"));
    s3.putObject(b -> b.bucket("presigned").key("p q"), RequestBody.fromString("shared"));
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
      URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("presigned").key("p q"))).url().toURI();
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("shared", r.body());
    }
  }

  @Test
  void presignedPutStoresFormEncodedBodiesAsBytes() throws Exception {
    s3.createBucket(b -> b.bucket("forms"));
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI form = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .putObjectRequest(g -> g.bucket("forms").key("form"))).url().toURI();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(form)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .PUT(HttpRequest.BodyPublishers.ofString("a=1&b=2")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("a=1&b=2", new String(partitions.bytes("forms", "form").orElseThrow(), StandardCharsets.UTF_8));
      assertEquals("application/x-www-form-urlencoded", s3.headObject(b -> b.bucket("forms").key("form")).contentType());
      URI untyped = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .putObjectRequest(g -> g.bucket("forms").key("untyped"))).url().toURI();
      r = http.send(HttpRequest.newBuilder(untyped).PUT(HttpRequest.BodyPublishers.ofString("u")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("binary/octet-stream", s3.headObject(b -> b.bucket("forms").key("untyped")).contentType());
    }
  }

  @Test
  void requestTimeoutAnswersServiceUnavailable() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryLocationApi locations = new InMemoryLocationApi(clock);
    locations.createBucket("slow", AK, "us-east-1", StampId.of("it")).toCompletionStage().toCompletableFuture().get();
    PartitionApi hanging = new HangingPartitionApi();
    FrontendConfig config = FrontendConfig.defaults(FrontendNodeId.of("fe-slow"), StampId.of("it"), Map.of(AK, SK))
        .withEndpoint("127.0.0.1", 0).withRequestTimeout(Duration.ofMillis(300));
    FrontendServer slow = new FrontendServer(vertx, config, hanging, locations, new SimpleMeterRegistry(), clock);
    slow.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (S3Client c = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + slow.port()))
        .region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
        .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())).build()) {
      s3Error(503, "ServiceUnavailable", () -> c.getObject(b -> b.bucket("slow").key("k")));
      s3Error(503, "ServiceUnavailable", () -> c.listObjectsV2(b -> b.bucket("slow")));
    } finally {
      slow.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void metricsCountOperations() {
    s3.listBuckets();
    assertTrue(registry.find("stampede.frontend.requests").tag("operation", "ListBuckets").tag("status", "200")
        .timer().count() > 0);
  }

  static final PayloadModes PAYLOAD_MODES = new PayloadModes();

  /** Records the x-amz-content-sha256 modes the SDK sent for PutObject. */
  static final class PayloadModes implements ExecutionInterceptor {
    final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest) {
        context.httpRequest().firstMatchingHeader("x-amz-content-sha256").ifPresent(seen::add);
      }
    }
  }

  /** Resolves every host to loopback, so {@code <bucket>.localhost} works without DNS help. */
  static final class LoopbackResolver implements org.apache.hc.client5.http.DnsResolver {
    @Override
    public InetAddress[] resolve(String host) {
      return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }
}
