package io.stampede.frontend.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.StampId;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.location.api.bucket.NoncurrentVersionExpiration;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VersionSweepTest {
  /** Days of one second. */
  final LifecycleSchedule schedule = new LifecycleSchedule(Duration.ofSeconds(1));

  VersionSweep sweep(LifecycleRule... rules) {
    return new VersionSweep(null, schedule, new LifecycleMetrics(new SimpleMeterRegistry(), "s"), Clock.systemUTC(),
        2, () -> false, new BucketLocation("b", StampId.of("s"), "o", 0, "r", ""), new LifecycleConfiguration(List.of(rules)));
  }

  static LifecycleRule noncurrent(int days, OptionalInt keep) {
    return new LifecycleRule("nc", true, LifecycleFilter.prefix(""), Optional.empty(),
        Optional.of(new NoncurrentVersionExpiration(days, keep)), OptionalInt.empty());
  }

  static LifecycleRule loneMarkers() {
    return new LifecycleRule("dm", true, LifecycleFilter.prefix(""), Optional.of(new LifecycleExpiration(
        OptionalInt.empty(), Optional.empty(), Optional.of(true))), Optional.empty(), OptionalInt.empty());
  }

  static ObjectInfo version(String key, String id, long modifiedMs, boolean latest) {
    return new ObjectInfo("b", key, 1, "e", modifiedMs, "", Map.of(), Map.of(), id, false, Optional.empty(), Map.of(),
        0, latest);
  }

  static ObjectInfo marker(String key, String id, long modifiedMs, boolean latest) {
    return ObjectInfo.deleteMarker("b", key, id, modifiedMs).withLatest(latest);
  }

  static ListPage page(boolean truncated, ObjectInfo... versions) {
    return new ListPage(List.of(versions), List.of(), truncated, "");
  }

  static List<String> ids(List<ObjectInfo> versions) {
    return versions.stream().map(v -> v.key() + "@" + v.versionId()).toList();
  }

  @Test
  void noncurrentVersionsExpireCountingFromWhenTheyWereReplaced() {
    VersionSweep s = sweep(noncurrent(2, OptionalInt.empty()));
    // k@3 is current (written at 9 s); k@2 became noncurrent at 9 s, k@1 at 5 s.
    List<ObjectInfo> doomed = s.decide(page(false, version("k", "3", 9_000, true), version("k", "2", 5_000, false),
        version("k", "1", 1_000, false)), 10_000);
    assertThat(ids(doomed)).containsExactly("k@1");
  }

  @Test
  void newerNoncurrentVersionsKeepThatManyAcrossPages() {
    VersionSweep s = sweep(noncurrent(1, OptionalInt.of(2)));
    List<ObjectInfo> first = s.decide(page(true, version("k", "4", 4_000, true), version("k", "3", 3_000, false)), 100_000);
    List<ObjectInfo> second = s.decide(page(false, version("k", "2", 2_000, false), version("k", "1", 1_000, false),
        version("other", "1", 1_000, true)), 100_000);
    assertThat(first).isEmpty();
    assertThat(ids(second)).containsExactly("k@1");
  }

  @Test
  void aLoneDeleteMarkerGoesOnlyWhenNoVersionFollowsEvenOnTheNextPage() {
    VersionSweep s = sweep(loneMarkers());
    assertThat(s.decide(page(true, version("a", "1", 0, true), marker("b", "m", 0, true)), 0)).isEmpty();
    assertThat(ids(s.decide(page(true, version("c", "1", 0, true), marker("d", "m", 0, true)), 0))).containsExactly("b@m");
    assertThat(s.decide(page(true, version("d", "0", 0, false)), 0)).isEmpty();
    assertThat(ids(s.decide(page(false, marker("e", "m", 0, true)), 0))).containsExactly("e@m");
  }

  @Test
  void withoutMatchingRulesNothingGoes() {
    VersionSweep s = sweep(new LifecycleRule("other", true, LifecycleFilter.prefix("logs/"), Optional.empty(),
        Optional.of(new NoncurrentVersionExpiration(1, OptionalInt.empty())), OptionalInt.empty()));
    assertThat(s.decide(page(false, version("k", "2", 1_000, true), version("k", "1", 0, false),
        marker("m", "x", 0, true)), 100_000)).isEmpty();
  }
}
