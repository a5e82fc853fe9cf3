package io.stampede.frontend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.StampId;
import io.stampede.common.key.ByteRange;
import io.stampede.frontend.server.FrontendConfig;
import io.stampede.frontend.server.FrontendServer;
import io.stampede.frontend.testing.InMemoryLocationApi;
import io.stampede.frontend.testing.InMemoryPartitionApi;
import io.stampede.frontend.testing.PiecesReadStream;
import io.stampede.frontend.testing.UnsupportedPartitionApi;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PutObjectRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * CopyObject's answer over a front end with in-memory lower layers: the 200-then-whitespace
 * answer of a slow copy (and its error inside the 200), the plain answer of a fast one, and the
 * source read cancelled whenever the copy does not go through.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CopyAnswerIT {
  static final String AK = "stampede";
  static final String SK = "stampede-secret";
  static final Duration SLOW = Duration.ofMillis(400);
  static Vertx vertx;
  static CopyPartitions partitions;
  static FrontendServer keepalive;
  static FrontendServer noKeepalive;
  static final RawBodies bodies = new RawBodies();
  static S3Client s3;
  static S3Client s3NoKeepalive;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Clock clock = Clock.systemUTC();
    partitions = new CopyPartitions(vertx, clock);
    InMemoryLocationApi locations = new InMemoryLocationApi(clock);
    FrontendConfig config = FrontendConfig.defaults(FrontendNodeId.of("fe-copy"), StampId.of("it"), Map.of(AK, SK))
        .withEndpoint("127.0.0.1", 0);
    keepalive = started(config.withCopyKeepalive(Duration.ofMillis(50)), locations, clock);
    noKeepalive = started(config.withCopyKeepalive(Duration.ZERO), locations, clock);
    s3 = client(keepalive);
    s3NoKeepalive = client(noKeepalive);
    s3.createBucket(b -> b.bucket("bkt"));
    s3.putObject(b -> b.bucket("bkt").key("src"), RequestBody.fromString("source bytes"));
  }

  static FrontendServer started(FrontendConfig config, InMemoryLocationApi locations, Clock clock) throws Exception {
    FrontendServer server = new FrontendServer(vertx, config, partitions, locations, new SimpleMeterRegistry(), clock);
    server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return server;
  }

  static S3Client client(FrontendServer server) {
    return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
        .region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
        .overrideConfiguration(o -> o.addExecutionInterceptor(bodies)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    for (S3Client c : new S3Client[] {s3, s3NoKeepalive}) {
      if (c != null) {
        c.close();
      }
    }
    for (FrontendServer s : new FrontendServer[] {keepalive, noKeepalive}) {
      if (s != null) {
        s.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static String copy(S3Client client, String source, String destination) {
    return client.copyObject(b -> b.sourceBucket("bkt").sourceKey(source).destinationBucket("bkt")
        .destinationKey(destination)).copyObjectResult().eTag();
  }

  @Test
  void slowCopyAnswers200ThenWhitespaceThenTheResult() {
    String etag = s3.headObject(b -> b.bucket("bkt").key("src")).eTag();
    bodies.seen.clear();
    assertThat(copy(s3, "src", "slow/1")).isEqualTo(etag);
    String body = bodies.last();
    assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n  ");
    assertThat(body.substring(body.indexOf('>') + 1).strip()).startsWith("<CopyObjectResult");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("bkt").key("slow/1")).asUtf8String()).isEqualTo("source bytes");
  }

  @Test
  void slowCopyFailureIsAnErrorDocumentInside200() {
    bodies.seen.clear();
    S3Exception e = assertThrows(S3Exception.class, () -> copy(s3, "src", "fail-slow/1"));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(bodies.last()).startsWith("<?xml").contains("<Error><Code>InternalError</Code>");
  }

  @Test
  void fastCopyAndEveryCopyWithoutKeepaliveAnswerPlainly() {
    bodies.seen.clear();
    copy(s3, "src", "fast");
    copy(s3NoKeepalive, "src", "slow/2");
    assertThat(bodies.seen).hasSize(2).allSatisfy(body -> assertThat(body).startsWith(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CopyObjectResult"));
    S3Exception e = assertThrows(S3Exception.class, () -> copy(s3NoKeepalive, "src", "fail-slow/2"));
    assertThat(e.statusCode()).isEqualTo(500);
  }

  @Test
  void refusedWriteCancelsTheSourceRead() {
    int before = partitions.cancels.get();
    S3Exception e = assertThrows(S3Exception.class, () -> copy(s3, "src", "reject/1"));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
    assertThat(partitions.cancels.get()).isEqualTo(before + 1);
  }

  @Test
  void sourceLargerThan5GiBIsInvalidRequest() {
    int before = partitions.cancels.get();
    S3Exception e = assertThrows(S3Exception.class, () -> copy(s3, "huge", "huge-copy"));
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
    assertThat(e.awsErrorDetails().errorMessage()).contains("5368709120");
    assertThat(partitions.cancels.get()).isEqualTo(before + 1);
  }

  @Test
  void failedSourcePreconditionCancelsTheRead() {
    int before = partitions.cancels.get();
    S3Exception e = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("bkt").sourceKey("src")
        .destinationBucket("bkt").destinationKey("cond").copySourceIfMatch("\"nope\"")));
    assertThat(e.statusCode()).isEqualTo(412);
    assertThat(partitions.cancels.get()).isEqualTo(before + 1);
  }

  /** Records each CopyObject response body as received. */
  static final class RawBodies implements ExecutionInterceptor {
    final List<String> seen = new CopyOnWriteArrayList<>();

    String last() {
      return seen.get(seen.size() - 1);
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
        ExecutionAttributes attributes) {
      if (!(context.request() instanceof software.amazon.awssdk.services.s3.model.CopyObjectRequest)
          || context.responseBody().isEmpty()) {
        return context.responseBody();
      }
      try {
        byte[] bytes = context.responseBody().get().readAllBytes();
        seen.add(new String(bytes, StandardCharsets.UTF_8));
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * In-memory partitions where destination keys choose the behaviour: {@code slow/} commits after
   * a delay, {@code fail-slow/} fails after one, {@code reject/} fails without reading the body;
   * the source {@code huge} claims 6 GiB. Counts cancelled reads.
   */
  static final class CopyPartitions extends UnsupportedPartitionApi {
    final InMemoryPartitionApi memory;
    final Vertx vertx;
    final AtomicInteger cancels = new AtomicInteger();

    CopyPartitions(Vertx vertx, Clock clock) {
      this.vertx = vertx;
      this.memory = new InMemoryPartitionApi(clock);
    }

    @Override
    public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
      if (request.key().startsWith("reject/")) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.BAD_REQUEST, "refused"));
      }
      Future<ObjectInfo> stored = memory.putObject(request, body);
      if (request.key().startsWith("slow/")) {
        return stored.compose(info -> later(Future.succeededFuture(info)));
      }
      if (request.key().startsWith("fail-slow/")) {
        return stored.compose(info -> later(
            Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL, "lost"))));
      }
      return stored;
    }

    private Future<ObjectInfo> later(Future<ObjectInfo> outcome) {
      Promise<ObjectInfo> p = Promise.promise();
      vertx.setTimer(SLOW.toMillis(), t -> outcome.onComplete(p));
      return p.future();
    }

    @Override
    public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
      if (ref.key().equals("huge")) {
        ObjectInfo info = new ObjectInfo(ref.bucket(), "huge", 6L << 30, "abc", 0, "binary/octet-stream", Map.of(),
            Map.of());
        PiecesReadStream body = new PiecesReadStream(List.of());
        return Future.succeededFuture(new ObjectRead(info, new ByteRange.Span(0, info.size() - 1), false, body,
            cancels::incrementAndGet));
      }
      return memory.getObject(ref, range).map(read -> new ObjectRead(read.info(), read.span(), read.partial(),
          read.body(), () -> {
            cancels.incrementAndGet();
            read.canceller().run();
          }));
    }

    @Override
    public Future<ObjectInfo> headObject(ObjectRef ref) {
      return memory.headObject(ref);
    }
  }
}
