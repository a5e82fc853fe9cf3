package io.stampede.location.api.grpc;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RemoteException;
import io.stampede.common.rpc.RpcCalls;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.StampSummary;
import io.stampede.location.api.BucketPage;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.proto.location.BucketRequest;
import io.stampede.proto.location.CreateBucketRequest;
import io.stampede.proto.location.DeleteBucketRequest;
import io.stampede.proto.location.ListBucketsRequest;
import io.stampede.proto.location.LocationRpcGrpcClient;
import io.stampede.proto.location.StampBucketsRequest;
import io.stampede.proto.location.StampFillMsg;
import io.stampede.proto.location.StampMsg;
import io.stampede.proto.location.StampsRequest;
import io.stampede.proto.location.UpdateBucketRequest;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link LocationApi} over gRPC. */
public final class GrpcLocationClient implements LocationApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final GrpcClient client;
  private final SocketAddress server;

  public GrpcLocationClient(GrpcClient client, Endpoint server) {
    this.client = client;
    this.server = SocketAddress.inetSocketAddress(server.port(), server.host());
  }

  @Override
  public Future<Void> registerStamp(StampId stamp, Endpoint endpoint) {
    StampMsg req = StampMsg.newBuilder().setStampId(stamp.value()).setEndpoint(endpoint.toString()).build();
    return call(LocationRpcGrpcClient.RegisterStamp, req).mapEmpty();
  }

  @Override
  public Future<BucketLocation> createBucket(String bucket, String owner, String region, StampId stamp) {
    CreateBucketRequest req = CreateBucketRequest.newBuilder()
        .setBucket(bucket).setOwner(owner).setRegion(region).setStampId(stamp.value()).build();
    return call(LocationRpcGrpcClient.CreateBucket, req).map(LocationCodec::fromMsg);
  }

  @Override
  public Future<Void> reportFill(StampId stamp, long capacityBytes, long usedBytes) {
    StampFillMsg req = StampFillMsg.newBuilder().setStampId(stamp.value()).setCapacityBytes(capacityBytes)
        .setUsedBytes(usedBytes).build();
    return call(LocationRpcGrpcClient.ReportFill, req).mapEmpty();
  }

  @Override
  public Future<List<StampSummary>> stamps() {
    return call(LocationRpcGrpcClient.Stamps, StampsRequest.getDefaultInstance())
        .map(r -> r.getStampsList().stream().map(LocationCodec::fromMsg).toList());
  }

  @Override
  public Future<BucketLocation> getBucket(String bucket) {
    return call(LocationRpcGrpcClient.GetBucket, BucketRequest.newBuilder().setBucket(bucket).build())
        .map(LocationCodec::fromMsg);
  }

  @Override
  public Future<Void> deleteBucket(String bucket, String owner) {
    DeleteBucketRequest req = DeleteBucketRequest.newBuilder().setBucket(bucket).setOwner(owner).build();
    return call(LocationRpcGrpcClient.DeleteBucket, req).mapEmpty();
  }

  @Override
  public Future<List<BucketLocation>> listBuckets(String owner) {
    return call(LocationRpcGrpcClient.ListBuckets, ListBucketsRequest.newBuilder().setOwner(owner).build())
        .map(r -> r.getBucketsList().stream().map(LocationCodec::fromMsg).toList());
  }

  @Override
  public Future<BucketLocation> updateBucket(String bucket, String owner, BucketChange change) {
    UpdateBucketRequest req = SettingsCodec.withChange(
        UpdateBucketRequest.newBuilder().setBucket(bucket).setOwner(owner), change).build();
    return call(LocationRpcGrpcClient.UpdateBucket, req).map(LocationCodec::fromMsg);
  }

  @Override
  public Future<BucketPage> stampBuckets(StampId stamp, String startAfter, int maxBuckets) {
    StampBucketsRequest req = StampBucketsRequest.newBuilder()
        .setStampId(stamp.value()).setStartAfter(startAfter).setMaxBuckets(maxBuckets).build();
    return call(LocationRpcGrpcClient.StampBuckets, req)
        .map(r -> new BucketPage(r.getBucketsList().stream().map(LocationCodec::fromMsg).toList(), r.getTruncated()));
  }

  private <Req, Resp> Future<Resp> call(ServiceMethod<Resp, Req> method, Req request) {
    return RpcCalls.unary(client, server, method, request, TIMEOUT)
        .recover(t -> Future.failedFuture(translate(t)));
  }

  static Throwable translate(Throwable t) {
    return RpcErrors.translate(t,
        GrpcLocationClient::byCode,
        e -> new LocationException(LocationErrorCode.UNAVAILABLE, "location service unreachable: " + e, e),
        e -> new LocationException(LocationErrorCode.INTERNAL, "location service failed: " + e, e));
  }

  private static Optional<LocationException> byCode(RemoteException re) {
    return Arrays.stream(LocationErrorCode.values())
        .filter(c -> c.name().equals(re.code()))
        .findFirst()
        .map(c -> new LocationException(c, re.getMessage()));
  }
}
