package io.stampede.location.api.grpc;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.StampSummary;
import io.stampede.proto.location.BucketLocationMsg;
import io.stampede.proto.location.StampSummaryMsg;

/** Converts location records to and from their protobuf form. */
public final class LocationCodec {
  private LocationCodec() {}

  public static BucketLocationMsg toMsg(BucketLocation b) {
    return BucketLocationMsg.newBuilder()
        .setBucket(b.bucket())
        .setStampId(b.stamp().value())
        .setOwner(b.owner())
        .setCreatedMs(b.createdMs())
        .setRegion(b.region())
        .setSettings(SettingsCodec.toMsg(b.settings()))
        .setId(b.id())
        .build();
  }

  public static StampSummaryMsg toMsg(StampSummary s) {
    return StampSummaryMsg.newBuilder()
        .setStampId(s.stamp().value())
        .setEndpoint(s.endpoint().toString())
        .setCapacityBytes(s.capacityBytes())
        .setUsedBytes(s.usedBytes())
        .setReportedMs(s.reportedMs())
        .setBuckets(s.buckets())
        .build();
  }

  public static StampSummary fromMsg(StampSummaryMsg m) {
    return new StampSummary(StampId.of(m.getStampId()), Endpoint.parse(m.getEndpoint()), m.getCapacityBytes(),
        m.getUsedBytes(), m.getReportedMs(), m.getBuckets());
  }

  public static BucketLocation fromMsg(BucketLocationMsg m) {
    return new BucketLocation(m.getBucket(), StampId.of(m.getStampId()), m.getOwner(),
        m.getCreatedMs(), m.getRegion(), SettingsCodec.fromMsg(m.getSettings()), m.getId());
  }
}
