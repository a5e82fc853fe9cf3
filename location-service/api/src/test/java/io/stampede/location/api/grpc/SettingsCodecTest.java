package io.stampede.location.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.common.id.StampId;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.bucket.BucketChange;
import io.stampede.location.api.bucket.BucketSettings;
import io.stampede.location.api.bucket.CorsConfiguration;
import io.stampede.location.api.bucket.CorsRule;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.location.api.bucket.NoncurrentVersionExpiration;
import io.stampede.location.api.bucket.VersioningState;
import io.stampede.proto.location.BucketLocationMsg;
import io.stampede.proto.location.UpdateBucketRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SettingsCodecTest {
  static BucketSettings everything() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("z", "last-sorted-first-sent");
    tags.put("a", "");
    CorsConfiguration cors = new CorsConfiguration(List.of(
        new CorsRule(Optional.of(""), List.of("GET", "PUT"), List.of("https://*.example.com"), List.of("x-amz-*"),
            List.of("ETag"), OptionalInt.of(0)),
        new CorsRule(Optional.empty(), List.of("HEAD"), List.of("*"), List.of(), List.of(), OptionalInt.empty())));
    LifecycleConfiguration lifecycle = new LifecycleConfiguration(List.of(
        new LifecycleRule("old", true, LifecycleFilter.rulePrefix("logs/"), Optional.of(LifecycleExpiration.afterDays(3)),
            Optional.empty(), OptionalInt.of(2)),
        new LifecycleRule("and", false, new LifecycleFilter(LifecycleFilter.Form.AND, "p/", Map.of("k", "v"),
            OptionalLong.of(10), OptionalLong.of(1000)), Optional.of(LifecycleExpiration.onDate(LocalDate.of(2030, 1, 1))),
            Optional.of(new NoncurrentVersionExpiration(5, OptionalInt.of(2))), OptionalInt.empty()),
        new LifecycleRule("marker", true, new LifecycleFilter(LifecycleFilter.Form.EMPTY, "", Map.of(),
            OptionalLong.empty(), OptionalLong.empty()),
            Optional.of(new LifecycleExpiration(OptionalInt.empty(), Optional.empty(), Optional.of(false))),
            Optional.empty(), OptionalInt.empty())));
    return new BucketSettings(VersioningState.SUSPENDED, tags, Optional.of(cors), Optional.of(lifecycle));
  }

  @Test
  void bucketRecordsRoundTripWithEverySetting() {
    BucketLocation loc = new BucketLocation("b", StampId.of("s1"), "alice", 42, "us-east-1", everything(), "lk3x9a0b1c2d");
    BucketLocation back = LocationCodec.fromMsg(LocationCodec.toMsg(loc));
    assertThat(back).isEqualTo(loc);
    assertThat(back.settings().tags().keySet()).containsExactly("z", "a");
  }

  @Test
  void recordsWrittenBeforeSettingsExistedReadAsNone() {
    BucketLocationMsg old = BucketLocationMsg.newBuilder().setBucket("b").setStampId("s1").setOwner("o")
        .setCreatedMs(1).setRegion("r").build();
    assertThat(LocationCodec.fromMsg(old).settings()).isEqualTo(BucketSettings.NONE);
  }

  @Test
  void changesRoundTrip() {
    BucketSettings s = everything();
    for (BucketChange c : List.of(new BucketChange.SetVersioning(VersioningState.ENABLED),
        new BucketChange.SetTags(s.tags()), new BucketChange.SetTags(Map.of()),
        new BucketChange.SetCors(s.cors()), new BucketChange.SetCors(Optional.empty()),
        new BucketChange.SetLifecycle(s.lifecycle()), new BucketChange.SetLifecycle(Optional.empty()))) {
      UpdateBucketRequest r = SettingsCodec.withChange(UpdateBucketRequest.newBuilder(), c).build();
      assertThat(SettingsCodec.change(r)).isEqualTo(c);
    }
    assertThatThrownBy(() -> SettingsCodec.change(UpdateBucketRequest.getDefaultInstance()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
