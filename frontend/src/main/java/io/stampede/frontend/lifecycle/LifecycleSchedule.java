package io.stampede.frontend.lifecycle;

import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.location.api.bucket.NoncurrentVersionExpiration;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.UploadInfo;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When lifecycle rules act, as S3 computes it: an object expires {@code Days} after its creation
 * rounded up to the next day boundary (midnight UTC), or at midnight UTC of {@code Date}; a
 * noncurrent version {@code NoncurrentDays} after it became noncurrent; an upload is aborted
 * {@code DaysAfterInitiation} after its initiation, all rounded the same way. A day
 * is {@code dayLength} long (one real day in production; tests shorten it, and then day
 * boundaries are multiples of it since the epoch). Only enabled rules whose filter matches act;
 * of several, the earliest time wins. Delete markers never expire by days or date.
 */
public final class LifecycleSchedule {
  private final long dayMs;

  public LifecycleSchedule(Duration dayLength) {
    if (dayLength.toMillis() < 1) {
      throw new IllegalArgumentException("a lifecycle day lasts at least a millisecond");
    }
    this.dayMs = dayLength.toMillis();
  }

  /** The rule that expires the current version {@code object} first, and when, if any does. */
  public Optional<Expiry> expiry(LifecycleConfiguration rules, ObjectInfo object) {
    if (object.deleteMarker()) {
      return Optional.empty();
    }
    Expiry first = null;
    for (LifecycleRule rule : rules.rules()) {
      if (!rule.enabled() || rule.expiration().isEmpty()
          || !rule.filter().matches(object.key(), object.tags(), object.size())) {
        continue;
      }
      OptionalLong at = expiresAtMs(rule.expiration().get(), object.lastModifiedMs());
      if (at.isPresent() && (first == null || at.getAsLong() < first.atMs())) {
        first = new Expiry(rule.id(), at.getAsLong());
      }
    }
    return Optional.ofNullable(first);
  }

  /** Whether {@code object} has expired by {@code nowMs}. */
  public boolean expired(LifecycleConfiguration rules, ObjectInfo object, long nowMs) {
    return expiry(rules, object).map(e -> e.atMs() <= nowMs).orElse(false);
  }

  /** Whether an upload in progress is due to be aborted by {@code nowMs}. */
  public boolean abandoned(LifecycleConfiguration rules, UploadInfo upload, long nowMs) {
    for (LifecycleRule rule : rules.rules()) {
      if (rule.enabled() && rule.abortIncompleteUploadDays().isPresent()
          && upload.key().startsWith(rule.filter().prefix())
          && roundUp(upload.initiatedMs() + rule.abortIncompleteUploadDays().getAsInt() * dayMs) <= nowMs) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a noncurrent version is due for removal by {@code nowMs}: it stopped being current at
   * {@code noncurrentSinceMs} (when the next newer version was written), and {@code newerNoncurrent}
   * noncurrent versions of its key are newer than it (a rule's NewerNoncurrentVersions keeps that
   * many).
   */
  public boolean noncurrentExpired(
      LifecycleConfiguration rules, ObjectInfo version, long noncurrentSinceMs, int newerNoncurrent, long nowMs) {
    for (LifecycleRule rule : rules.rules()) {
      if (!rule.enabled() || rule.noncurrentVersionExpiration().isEmpty()
          || !rule.filter().matches(version.key(), version.tags(), version.size())) {
        continue;
      }
      NoncurrentVersionExpiration n = rule.noncurrentVersionExpiration().get();
      if (newerNoncurrent >= n.newerNoncurrentVersions().orElse(0)
          && roundUp(noncurrentSinceMs + n.noncurrentDays() * dayMs) <= nowMs) {
        return true;
      }
    }
    return false;
  }

  /** Whether a delete marker that is the only version of its key is removed (ExpiredObjectDeleteMarker). */
  public boolean expiredDeleteMarker(LifecycleConfiguration rules, ObjectInfo marker) {
    return marker.deleteMarker() && rules.rules().stream().anyMatch(r -> r.enabled()
        && r.expiration().flatMap(LifecycleExpiration::expiredObjectDeleteMarker).orElse(false)
        && r.filter().matches(marker.key(), Map.of(), 0));
  }

  /** Whether any enabled rule removes noncurrent versions or lone delete markers. */
  public static boolean sweepsVersions(LifecycleConfiguration rules) {
    return rules.rules().stream().anyMatch(r -> r.enabled() && (r.noncurrentVersionExpiration().isPresent()
        || r.expiration().flatMap(LifecycleExpiration::expiredObjectDeleteMarker).orElse(false)));
  }

  /** Whether any enabled rule expires current versions by days or date. */
  public static boolean expiresObjects(LifecycleConfiguration rules) {
    return rules.rules().stream().anyMatch(r -> r.enabled()
        && r.expiration().map(e -> e.days().isPresent() || e.date().isPresent()).orElse(false));
  }

  /** Whether any enabled rule aborts uploads. */
  public static boolean abortsUploads(LifecycleConfiguration rules) {
    return rules.rules().stream().anyMatch(r -> r.enabled() && r.abortIncompleteUploadDays().isPresent());
  }

  private OptionalLong expiresAtMs(LifecycleExpiration e, long createdMs) {
    if (e.days().isPresent()) {
      return OptionalLong.of(roundUp(createdMs + e.days().getAsInt() * dayMs));
    }
    return e.date().map(d -> OptionalLong.of(d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()))
        .orElse(OptionalLong.empty());
  }

  /** The next day boundary at or after {@code ms}. */
  private long roundUp(long ms) {
    return Math.floorDiv(ms + dayMs - 1, dayMs) * dayMs;
  }

  /** A rule's expiry of one object: when, and which rule (S3's x-amz-expiration names both). */
  public record Expiry(String ruleId, long atMs) {}
}
