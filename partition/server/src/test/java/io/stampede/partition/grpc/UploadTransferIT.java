package io.stampede.partition.grpc;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.grpc.GrpcPartitionServerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.http.ObjectTransfer;
import io.stampede.partition.api.http.ObjectUploadClient;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.partition.testkit.ManualClock;
import io.stampede.partition.testkit.WholeKeySpace;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Uploads on the partition server's data plane over loopback: the bytes arrive whole; a refusal
 * before the body leaves it untouched for a retry elsewhere; a body that fails, even after its
 * last byte, or goes quiet, stores nothing; a request without a call header is a bad request.
 * Every bucket takes two requests a second here (the SLOW_DOWN refusal): the clock moves on
 * between the others.
 */
@Timeout(60)
class UploadTransferIT {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = ManualClock.atMillis(1_700_000_000_000L);
  private Context context;
  private GrpcClient grpc;
  private ObjectUploadClient uploads;
  private Endpoint endpoint;
  private GrpcPartitionServerClient client;

  @BeforeEach
  void start() {
    context = vertx.getOrCreateContext();
    endpoint = WholeKeySpace.listening(vertx, new InMemoryStreamClient(64 * 1024), clock, context);
    grpc = PartitionGrpc.client(vertx);
    uploads = ObjectUploadClient.create(vertx, CALL_TIMEOUT);
    client = new GrpcPartitionServerClient(grpc, null, uploads, endpoint, CALL_TIMEOUT);
  }

  @AfterEach
  void stop() {
    await(uploads.close());
    await(grpc.close());
    await(vertx.close());
  }

  @Test
  void objectsAndPartsArriveWhole() {
    byte[] bytes = random(3 << 20);
    clock.advanceMs(1000);
    ObjectInfo put = await(client.putObject(request("b1", "k", bytes.length), new BytesBody(context, bytes, 100_000, -1)));
    assertEquals(bytes.length, put.size());
    assertArrayEquals(bytes, read("b1", "k"));

    clock.advanceMs(1000);
    UploadInfo upload = await(client.createUpload(new CreateUploadRequest("b1", "mp", "t", Map.of(), Map.of(),
        Map.of(), Optional.empty(), ChecksumType.FULL_OBJECT)));
    clock.advanceMs(1000);
    ObjectPart part = await(client.uploadPart(new UploadPartRequest(new UploadRef("b1", "mp", upload.uploadId()), 1, bytes.length),
        new BytesBody(context, bytes, 65_536, -1)));
    assertEquals(bytes.length, part.size());
  }

  @Test
  void aRefusalBeforeTheBodyLeavesItUntouched() {
    byte[] bytes = random(10);
    await(client.putObject(request("hot", "k1", 10), BytesBody.of(context, bytes)));
    await(client.headObject("hot", "k1"));
    BytesBody refused = BytesBody.of(context, bytes);
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(client.putObject(request("hot", "k2", 10), refused)));
    assertFalse(refused.touched());
    // the connection it came on is gone, the next upload gets another
    clock.advanceMs(1000);
    await(client.putObject(request("hot", "k2", 10), BytesBody.of(context, bytes)));
  }

  @Test
  void aBodyThatFailsStoresNothingEvenAfterItsLastByte() {
    byte[] bytes = random(1 << 20);
    for (long failAfter : new long[] {300_000, bytes.length}) {
      clock.advanceMs(1000);
      assertEquals(PartitionErrorCode.INCOMPLETE_BODY, failure(client.putObject(request("b2", "cut" + failAfter,
          bytes.length), new BytesBody(context, bytes, 50_000, failAfter))));
      clock.advanceMs(1000);
      assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(client.headObject("b2", "cut" + failAfter)));
    }
    clock.advanceMs(1000);
    await(client.putObject(request("b2", "whole", bytes.length), new BytesBody(context, bytes, 50_000, -1)));
    assertArrayEquals(bytes, read("b2", "whole"));
  }

  @Test
  void anUploadThatGoesQuietIsCutOffAndStoresNothing() {
    ObjectUploadClient impatient = ObjectUploadClient.create(vertx, CALL_TIMEOUT, Duration.ofSeconds(1));
    GrpcPartitionServerClient quick = new GrpcPartitionServerClient(grpc, null, impatient, endpoint, CALL_TIMEOUT);
    clock.advanceMs(1000);
    assertEquals(PartitionErrorCode.UNAVAILABLE,
        failure(quick.putObject(request("b3", "stalled", 1 << 20), BytesBody.stalling(context, random(100_000)))));
    clock.advanceMs(1000);
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(client.headObject("b3", "stalled")));
    byte[] bytes = random(1 << 20);
    clock.advanceMs(1000);
    await(quick.putObject(request("b3", "stalled", bytes.length), new BytesBody(context, bytes, 65_536, -1)));
    assertArrayEquals(bytes, read("b3", "stalled"));
    await(impatient.close());
  }

  @Test
  void anUploadWithoutItsCallHeaderIsABadRequest() {
    HttpClient http = vertx.createHttpClient();
    Promise<HttpClientResponse> answer = Promise.promise();
    context.runOnContext(v -> http.request(HttpMethod.POST, endpoint.port(), endpoint.host(), ObjectTransfer.PUT_PATH)
        .compose(req -> req.send(Buffer.buffer("bytes")))
        .compose(resp -> resp.body().map(body -> resp)).onComplete(answer));
    HttpClientResponse response = await(answer.future());
    assertEquals(400, response.statusCode());
    assertEquals("BAD_REQUEST", response.getHeader(ObjectTransfer.ERROR_HEADER));
    await(http.close());
  }

  private static PutObjectRequest request(String bucket, String key, long length) {
    return new PutObjectRequest(bucket, key, length, "application/octet-stream", Map.of(), Map.of());
  }

  private byte[] read(String bucket, String key) {
    clock.advanceMs(1000);
    GrpcPartitionServerClient reader = new GrpcPartitionServerClient(grpc, endpoint, CALL_TIMEOUT);
    Promise<Buffer> all = Promise.promise();
    context.runOnContext(v -> reader.getObject(bucket, key, Optional.empty()).compose(read -> {
      Buffer got = Buffer.buffer();
      Promise<Buffer> done = Promise.promise();
      read.body().handler(got::appendBuffer).exceptionHandler(done::tryFail).endHandler(e -> done.tryComplete(got));
      read.body().resume();
      return done.future();
    }).onComplete(all));
    return await(all.future()).getBytes();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
