package io.stampede.location.api.grpc;

import io.stampede.common.id.StampId;
import io.stampede.location.api.BucketLocation;
import io.stampede.proto.location.BucketLocationMsg;

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

  public static BucketLocation fromMsg(BucketLocationMsg m) {
    return new BucketLocation(m.getBucket(), StampId.of(m.getStampId()), m.getOwner(),
        m.getCreatedMs(), m.getRegion(), SettingsCodec.fromMsg(m.getSettings()), m.getId());
  }
}
