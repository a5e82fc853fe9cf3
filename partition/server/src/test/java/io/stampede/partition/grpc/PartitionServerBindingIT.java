package io.stampede.partition.grpc;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.grpc.GrpcPartitionServerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.partition.server.PartitionServer;
import io.stampede.partition.server.PartitionServerConfig;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.partition.testkit.ManualClock;
import io.stampede.partition.testkit.WholeKeySpace;
import io.stampede.partition.throttle.RateLimit;
import io.stampede.partition.throttle.RequestRateLimits;
import io.stampede.proto.partition.ListObjectsRequest;
import io.stampede.proto.partition.ListPartsRequest;
import io.stampede.proto.partition.PartitionServerRpcGrpcClient;
import io.stampede.proto.partition.PutObjectMessage;
import io.stampede.proto.partition.UploadKeyMsg;
import io.stampede.proto.partition.UploadPartHeader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PartitionServerRpc over loopback: every call gets an answer with its error code kept, also a
 * message the service refuses by throwing, and a throttled call's SLOW_DOWN.
 */
@Timeout(60)
class PartitionServerBindingIT {
  private static final PartitionServerId SELF = PartitionServerId.of("ps1");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = ManualClock.atMillis(1_700_000_000_000L);
  private PartitionServer server;
  private GrpcClient grpc;
  private SocketAddress address;
  private GrpcPartitionServerClient client;

  @BeforeEach
  void start() {
    server = WholeKeySpace.served(PartitionServerConfig.defaults(StampId.of("s1"), SELF,
            Endpoint.of("127.0.0.1", 0), List.of(Endpoint.of("127.0.0.1", 1)))
        .withLimits(RequestRateLimits.unlimited().withBucket(RateLimit.perSecond(2))),
        new InMemoryStreamClient(1000), new SimpleMeterRegistry(), clock, vertx.getOrCreateContext());
    GrpcServer rpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(PartitionGrpc.MESSAGE_BYTES_MAX));
    PartitionServerBinding.bind(rpc, server);
    HttpServer http = await(vertx.createHttpServer().requestHandler(rpc).listen(0, "127.0.0.1"));
    Endpoint endpoint = Endpoint.of("127.0.0.1", http.actualPort());
    grpc = PartitionGrpc.client(vertx);
    address = PartitionGrpc.address(endpoint);
    client = new GrpcPartitionServerClient(grpc, endpoint, CALL_TIMEOUT);
  }

  @AfterEach
  void stop() {
    await(grpc.close());
    await(vertx.close());
  }

  private static <T> Future<T> translated(Future<T> call) {
    return call.recover(t -> Future.failedFuture(PartitionRpcErrors.translate(t)));
  }

  @Test
  void aListingWithNegativeMaxKeysIsABadRequest() {
    ListObjectsRequest bad = ListObjectsRequest.newBuilder().setBucket("b1").setMaxKeys(-1).build();
    for (var method : List.of(PartitionServerRpcGrpcClient.ListObjects, PartitionServerRpcGrpcClient.ListObjectVersions)) {
      assertEquals(PartitionErrorCode.BAD_REQUEST,
          failure(translated(RpcCalls.unary(grpc, address, method, bad, CALL_TIMEOUT))));
    }
    assertEquals(PartitionErrorCode.BAD_REQUEST, failure(translated(
        RpcCalls.unary(grpc, address, PartitionServerRpcGrpcClient.ListUploads, bad, CALL_TIMEOUT))));
  }

  @Test
  void anUploadPartWithPartNumberZeroIsABadRequest() {
    Future<?> call = RpcCalls.open(grpc, address, PartitionServerRpcGrpcClient.UploadPart).compose(req -> {
      req.write(PutObjectMessage.newBuilder().setPartHeader(UploadPartHeader.newBuilder()
          .setBucket("b2").setKey("k").setUploadId("u").setPartNumber(0).setContentLength(0)).build());
      req.end();
      return req.response().compose(RpcCalls::last);
    });
    assertEquals(PartitionErrorCode.BAD_REQUEST, failure(translated(call)));
  }

  @Test
  void listingPartsWithNegativeMaxPartsIsABadRequest() {
    UploadInfo upload = await(client.createUpload(new CreateUploadRequest("b3", "k", "t", Map.of(), Map.of(),
        Map.of(), Optional.empty(), ChecksumType.FULL_OBJECT)));
    ListPartsRequest bad = ListPartsRequest.newBuilder()
        .setUpload(UploadKeyMsg.newBuilder().setBucket("b3").setKey("k").setUploadId(upload.uploadId()))
        .setMaxParts(-1).build();
    assertEquals(PartitionErrorCode.BAD_REQUEST, failure(translated(
        RpcCalls.unary(grpc, address, PartitionServerRpcGrpcClient.ListParts, bad, CALL_TIMEOUT))));
  }

  @Test
  void slowDownCrossesTheWireWithItsCode() {
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    await(client.putObject(new PutObjectRequest("hot", "k", bytes.length, "t", Map.of(), Map.of()),
        BytesBody.of(vertx.getOrCreateContext(), bytes)));
    assertEquals(5, await(client.headObject("hot", "k")).size());
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(client.headObject("hot", "k")));
    BytesBody body = BytesBody.of(vertx.getOrCreateContext(), bytes);
    assertEquals(PartitionErrorCode.SLOW_DOWN,
        failure(client.putObject(new PutObjectRequest("hot", "k2", bytes.length, "t", Map.of(), Map.of()), body)));
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(client.getObject("hot", "k", Optional.empty())));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(client.headObject("cold", "k")));
    clock.advanceMs(500);
    assertEquals(5, await(client.headObject("hot", "k")).size());
  }
}
