package io.stampede.location.service;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcErrors;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.LocationErrorCode;
import io.stampede.location.api.LocationException;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.api.grpc.LocationCodec;
import io.stampede.location.api.grpc.SettingsCodec;
import io.stampede.proto.location.BucketLocationMsg;
import io.stampede.proto.location.BucketRequest;
import io.stampede.proto.location.CreateBucketRequest;
import io.stampede.proto.location.DeleteBucketReply;
import io.stampede.proto.location.DeleteBucketRequest;
import io.stampede.proto.location.ListBucketsReply;
import io.stampede.proto.location.ListBucketsRequest;
import io.stampede.proto.location.LocationRpcGrpcService;
import io.stampede.proto.location.RegisterStampReply;
import io.stampede.proto.location.StampBucketsReply;
import io.stampede.proto.location.StampBucketsRequest;
import io.stampede.proto.location.StampFillMsg;
import io.stampede.proto.location.StampMsg;
import io.stampede.proto.location.StampsReply;
import io.stampede.proto.location.StampsRequest;
import io.stampede.proto.location.UpdateBucketRequest;
import io.vertx.core.Future;

/** Exposes a {@link LocationApi} as the LocationRpc gRPC service. */
final class LocationRpcBinding extends LocationRpcGrpcService {
  private final LocationApi api;

  LocationRpcBinding(LocationApi api) {
    this.api = api;
  }

  @Override
  public Future<RegisterStampReply> registerStamp(StampMsg request) {
    return RpcErrors.encode(api.registerStamp(StampId.of(request.getStampId()),
            Endpoint.parse(request.getEndpoint()))
        .map(v -> RegisterStampReply.getDefaultInstance()));
  }

  @Override
  public Future<RegisterStampReply> reportFill(StampFillMsg request) {
    return RpcErrors.encode(api.reportFill(StampId.of(request.getStampId()), request.getCapacityBytes(),
            request.getUsedBytes())
        .map(v -> RegisterStampReply.getDefaultInstance()));
  }

  @Override
  public Future<StampsReply> stamps(StampsRequest request) {
    return RpcErrors.encode(api.stamps().map(list -> StampsReply.newBuilder()
        .addAllStamps(list.stream().map(LocationCodec::toMsg).toList()).build()));
  }

  @Override
  public Future<BucketLocationMsg> createBucket(CreateBucketRequest request) {
    return RpcErrors.encode(api.createBucket(request.getBucket(), request.getOwner(), request.getRegion(),
            StampId.of(request.getStampId()))
        .map(LocationCodec::toMsg));
  }

  @Override
  public Future<BucketLocationMsg> getBucket(BucketRequest request) {
    return RpcErrors.encode(api.getBucket(request.getBucket()).map(LocationCodec::toMsg));
  }

  @Override
  public Future<DeleteBucketReply> deleteBucket(DeleteBucketRequest request) {
    return RpcErrors.encode(api.deleteBucket(request.getBucket(), request.getOwner())
        .map(v -> DeleteBucketReply.getDefaultInstance()));
  }

  @Override
  public Future<ListBucketsReply> listBuckets(ListBucketsRequest request) {
    return RpcErrors.encode(api.listBuckets(request.getOwner())
        .map(list -> ListBucketsReply.newBuilder()
            .addAllBuckets(list.stream().map(LocationCodec::toMsg).toList())
            .build()));
  }

  @Override
  public Future<BucketLocationMsg> updateBucket(UpdateBucketRequest request) {
    BucketChange change;
    try {
      change = SettingsCodec.change(request);
    } catch (IllegalArgumentException e) {
      return RpcErrors.encode(Future.failedFuture(
          new LocationException(LocationErrorCode.INTERNAL, "bad UpdateBucket: " + e.getMessage())));
    }
    return RpcErrors.encode(api.updateBucket(request.getBucket(), request.getOwner(), change)
        .map(LocationCodec::toMsg));
  }

  @Override
  public Future<StampBucketsReply> stampBuckets(StampBucketsRequest request) {
    return RpcErrors.encode(api.stampBuckets(StampId.of(request.getStampId()), request.getStartAfter(),
            request.getMaxBuckets())
        .map(page -> StampBucketsReply.newBuilder()
            .addAllBuckets(page.buckets().stream().map(LocationCodec::toMsg).toList())
            .setTruncated(page.truncated())
            .build()));
  }
}
