package io.stampede.frontend.lifecycle;

import static io.stampede.frontend.lifecycle.Rules.abortAfter;
import static io.stampede.frontend.lifecycle.Rules.expireAfter;
import static io.stampede.frontend.lifecycle.Rules.object;
import static io.stampede.frontend.lifecycle.Rules.upload;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.partition.api.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LifecycleScheduleTest {
  static final long DAY = Duration.ofDays(1).toMillis();
  final LifecycleSchedule realDays = new LifecycleSchedule(Duration.ofDays(1));

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void daysCountFromCreationRoundedUpToTheNextMidnight() {
    LifecycleConfiguration rules = Rules.of(expireAfter("r", "", 1));
    ObjectInfo created = object("k", at("2030-01-01T10:00:00Z"));
    assertThat(realDays.expiry(rules, created)).contains(new LifecycleSchedule.Expiry("r", at("2030-01-03T00:00:00Z")));
    assertThat(realDays.expired(rules, created, at("2030-01-02T23:59:59Z"))).isFalse();
    assertThat(realDays.expired(rules, created, at("2030-01-03T00:00:00Z"))).isTrue();
    ObjectInfo atMidnight = object("k", at("2030-01-01T00:00:00Z"));
    assertThat(realDays.expiry(rules, atMidnight).orElseThrow().atMs()).isEqualTo(at("2030-01-02T00:00:00Z"));
  }

  @Test
  void shortDaysForTestsRoundToMultiplesOfTheirLength() {
    LifecycleSchedule seconds = new LifecycleSchedule(Duration.ofSeconds(1));
    LifecycleConfiguration rules = Rules.of(expireAfter("r", "", 2));
    assertThat(seconds.expiry(rules, object("k", 10_300)).orElseThrow().atMs()).isEqualTo(13_000);
    assertThat(seconds.expired(rules, object("k", 10_300), 12_999)).isFalse();
  }

  @Test
  void aDateExpiresAtItsMidnightWhateverTheObjectsAge() {
    LifecycleRule onDate = new LifecycleRule("d", true, LifecycleFilter.prefix(""),
        Optional.of(LifecycleExpiration.onDate(LocalDate.of(2030, 6, 1))), Optional.empty(), OptionalInt.empty());
    LifecycleConfiguration rules = Rules.of(onDate);
    assertThat(realDays.expired(rules, object("k", at("2030-05-31T23:00:00Z")), at("2030-05-31T23:59:59Z"))).isFalse();
    assertThat(realDays.expired(rules, object("k", at("2030-05-31T23:00:00Z")), at("2030-06-01T00:00:00Z"))).isTrue();
    assertThat(realDays.expired(rules, object("k", at("2031-01-01T00:00:00Z")), at("2031-01-01T00:00:01Z"))).isTrue();
  }

  @Test
  void onlyEnabledRulesWhoseFilterMatchesActAndTheEarliestWins() {
    LifecycleRule disabled = new LifecycleRule("off", false, LifecycleFilter.prefix(""),
        Optional.of(LifecycleExpiration.afterDays(1)), Optional.empty(), OptionalInt.empty());
    LifecycleRule tagged = new LifecycleRule("tag", true, new LifecycleFilter(LifecycleFilter.Form.AND, "logs/",
        Map.of("temp", "yes"), OptionalLong.of(10), OptionalLong.empty()),
        Optional.of(LifecycleExpiration.afterDays(2)), Optional.empty(), OptionalInt.empty());
    LifecycleConfiguration rules = Rules.of(disabled, expireAfter("logs", "logs/", 30), tagged);
    long t = at("2030-01-01T00:00:00Z");
    assertThat(realDays.expiry(rules, object("data/x", t))).isEmpty();
    assertThat(realDays.expiry(rules, object("logs/x", t)).orElseThrow().ruleId()).isEqualTo("logs");
    assertThat(realDays.expiry(rules, object("logs/x", t, 11, Map.of("temp", "yes"))).orElseThrow())
        .isEqualTo(new LifecycleSchedule.Expiry("tag", t + 2 * DAY));
    assertThat(realDays.expiry(rules, object("logs/x", t, 10, Map.of("temp", "yes"))).orElseThrow().ruleId())
        .isEqualTo("logs");
    assertThat(realDays.expiry(rules, object("logs/x", t, 11, Map.of("temp", "no"))).orElseThrow().ruleId())
        .isEqualTo("logs");
  }

  @Test
  void deleteMarkersNeverExpireByDays() {
    ObjectInfo marker = ObjectInfo.deleteMarker("b", "k", "v1", 0);
    assertThat(realDays.expiry(Rules.of(expireAfter("r", "", 1)), marker)).isEmpty();
  }

  @Test
  void uploadsAreAbortedDaysAfterInitiationUnderTheRulesPrefix() {
    LifecycleConfiguration rules = Rules.of(abortAfter("a", "tmp/", 2), expireAfter("e", "", 1));
    long t = at("2030-01-01T10:00:00Z");
    assertThat(realDays.abandoned(rules, upload("tmp/x", "u", t), at("2030-01-03T23:59:59Z"))).isFalse();
    assertThat(realDays.abandoned(rules, upload("tmp/x", "u", t), at("2030-01-04T00:00:00Z"))).isTrue();
    assertThat(realDays.abandoned(rules, upload("keep/x", "u", t), at("2031-01-01T00:00:00Z"))).isFalse();
  }

  @Test
  void whichActionsAConfigurationHas() {
    assertThat(LifecycleSchedule.expiresObjects(Rules.of(abortAfter("a", "", 1)))).isFalse();
    assertThat(LifecycleSchedule.abortsUploads(Rules.of(abortAfter("a", "", 1)))).isTrue();
    assertThat(LifecycleSchedule.expiresObjects(Rules.of(expireAfter("e", "", 1)))).isTrue();
    LifecycleRule marker = new LifecycleRule("m", true, LifecycleFilter.prefix(""), Optional.of(new LifecycleExpiration(
        OptionalInt.empty(), Optional.empty(), Optional.of(true))), Optional.empty(), OptionalInt.empty());
    assertThat(LifecycleSchedule.expiresObjects(new LifecycleConfiguration(List.of(marker)))).isFalse();
  }
}
