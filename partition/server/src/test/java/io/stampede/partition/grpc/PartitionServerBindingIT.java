package io.stampede.partition.grpc;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.grpc.GrpcPartitionServerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.partition.testkit.ManualClock;
import io.stampede.partition.testkit.WholeKeySpace;
import io.stampede.proto.partition.ListObjectsRequest;
import io.stampede.proto.partition.ListPartsRequest;
import io.stampede.proto.partition.PartitionServerRpcGrpcClient;
import io.stampede.proto.partition.PutObjectMessage;
import io.stampede.proto.partition.UploadKeyMsg;
import io.stampede.proto.partition.UploadPartHeader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
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
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = ManualClock.atMillis(1_700_000_000_000L);
  private GrpcClient grpc;
  private SocketAddress address;
  private GrpcPartitionServerClient client;

  @BeforeEach
  void start() {
    Endpoint endpoint = WholeKeySpace.listening(vertx, new InMemoryStreamClient(1000), clock,
        vertx.getOrCreateContext());
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
