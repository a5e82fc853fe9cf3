package io.stampede.location.service.journal;

import io.stampede.common.id.StampId;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.bucket.BucketSettings;
import io.stampede.location.api.bucket.CorsConfiguration;
import io.stampede.location.api.bucket.CorsRule;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.location.api.bucket.NoncurrentVersionExpiration;
import io.stampede.location.api.bucket.VersioningState;
import io.stampede.proto.storage.location.StoredBucketMsg;
import io.stampede.proto.storage.location.StoredBucketSettingsMsg;
import io.stampede.proto.storage.location.StoredCorsConfigurationMsg;
import io.stampede.proto.storage.location.StoredCorsRuleMsg;
import io.stampede.proto.storage.location.StoredLifecycleConfigurationMsg;
import io.stampede.proto.storage.location.StoredLifecycleExpirationMsg;
import io.stampede.proto.storage.location.StoredLifecycleFilterMsg;
import io.stampede.proto.storage.location.StoredLifecycleRuleMsg;
import io.stampede.proto.storage.location.StoredNoncurrentVersionExpirationMsg;
import io.stampede.proto.storage.location.StoredTagMsg;
import io.stampede.proto.storage.location.StoredVersioningState;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Conversions between bucket records and settings and the values the journal embeds
 * (location_storage.proto). The RPC mapping ({@link io.stampede.location.api.grpc.LocationCodec},
 * {@link io.stampede.location.api.grpc.SettingsCodec}) is separate, so either can change without
 * the other; these must keep reading every format version already on disk. A value no version
 * wrote (an unknown enum number) fails with IllegalArgumentException rather than being guessed.
 */
final class StoredBuckets {
  private StoredBuckets() {}

  static StoredBucketMsg toStored(BucketLocation b) {
    return StoredBucketMsg.newBuilder()
        .setBucket(b.bucket())
        .setStampId(b.stamp().value())
        .setOwner(b.owner())
        .setCreatedMs(b.createdMs())
        .setRegion(b.region())
        .setSettings(toStored(b.settings()))
        .setId(b.id())
        .build();
  }

  /** A record of a build before settings (none) or ids ("") reads with none and "". */
  static BucketLocation fromStored(StoredBucketMsg m) {
    return new BucketLocation(m.getBucket(), StampId.of(m.getStampId()), m.getOwner(), m.getCreatedMs(),
        m.getRegion(), fromStored(m.getSettings()), m.getId());
  }

  static StoredBucketSettingsMsg toStored(BucketSettings s) {
    StoredBucketSettingsMsg.Builder b = StoredBucketSettingsMsg.newBuilder()
        .setVersioning(toStored(s.versioning()))
        .addAllTags(toStoredTags(s.tags()));
    s.cors().ifPresent(c -> b.setCors(toStored(c)));
    s.lifecycle().ifPresent(l -> b.setLifecycle(toStored(l)));
    return b.build();
  }

  static BucketSettings fromStored(StoredBucketSettingsMsg m) {
    return new BucketSettings(fromStored(m.getVersioning()), fromStoredTags(m.getTagsList()),
        m.hasCors() ? Optional.of(fromStored(m.getCors())) : Optional.empty(),
        m.hasLifecycle() ? Optional.of(fromStored(m.getLifecycle())) : Optional.empty());
  }

  private static StoredVersioningState toStored(VersioningState s) {
    return switch (s) {
      case UNVERSIONED -> StoredVersioningState.STORED_VERSIONING_UNVERSIONED;
      case ENABLED -> StoredVersioningState.STORED_VERSIONING_ENABLED;
      case SUSPENDED -> StoredVersioningState.STORED_VERSIONING_SUSPENDED;
    };
  }

  private static VersioningState fromStored(StoredVersioningState m) {
    return switch (m) {
      case STORED_VERSIONING_UNVERSIONED -> VersioningState.UNVERSIONED;
      case STORED_VERSIONING_ENABLED -> VersioningState.ENABLED;
      case STORED_VERSIONING_SUSPENDED -> VersioningState.SUSPENDED;
      case UNRECOGNIZED -> throw new IllegalArgumentException("unknown versioning state");
    };
  }

  private static List<StoredTagMsg> toStoredTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> StoredTagMsg.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
        .toList();
  }

  private static Map<String, String> fromStoredTags(List<StoredTagMsg> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach(t -> out.put(t.getKey(), t.getValue()));
    return out;
  }

  private static StoredCorsConfigurationMsg toStored(CorsConfiguration c) {
    StoredCorsConfigurationMsg.Builder b = StoredCorsConfigurationMsg.newBuilder();
    for (CorsRule r : c.rules()) {
      StoredCorsRuleMsg.Builder rb = StoredCorsRuleMsg.newBuilder()
          .addAllAllowedMethods(r.allowedMethods())
          .addAllAllowedOrigins(r.allowedOrigins())
          .addAllAllowedHeaders(r.allowedHeaders())
          .addAllExposeHeaders(r.exposeHeaders());
      r.id().ifPresent(rb::setId);
      r.maxAgeSeconds().ifPresent(rb::setMaxAgeSeconds);
      b.addRules(rb);
    }
    return b.build();
  }

  private static CorsConfiguration fromStored(StoredCorsConfigurationMsg m) {
    return new CorsConfiguration(m.getRulesList().stream().map(r -> new CorsRule(
        r.hasId() ? Optional.of(r.getId()) : Optional.empty(),
        r.getAllowedMethodsList(), r.getAllowedOriginsList(), r.getAllowedHeadersList(), r.getExposeHeadersList(),
        r.hasMaxAgeSeconds() ? OptionalInt.of(r.getMaxAgeSeconds()) : OptionalInt.empty())).toList());
  }

  private static StoredLifecycleConfigurationMsg toStored(LifecycleConfiguration c) {
    StoredLifecycleConfigurationMsg.Builder b = StoredLifecycleConfigurationMsg.newBuilder();
    for (LifecycleRule r : c.rules()) {
      StoredLifecycleRuleMsg.Builder rb = StoredLifecycleRuleMsg.newBuilder()
          .setId(r.id()).setEnabled(r.enabled()).setFilter(toStored(r.filter()));
      r.expiration().ifPresent(e -> rb.setExpiration(toStored(e)));
      r.noncurrentVersionExpiration().ifPresent(n -> {
        StoredNoncurrentVersionExpirationMsg.Builder nb =
            StoredNoncurrentVersionExpirationMsg.newBuilder().setNoncurrentDays(n.noncurrentDays());
        n.newerNoncurrentVersions().ifPresent(nb::setNewerNoncurrentVersions);
        rb.setNoncurrentVersionExpiration(nb);
      });
      r.abortIncompleteUploadDays().ifPresent(rb::setAbortIncompleteUploadDays);
      b.addRules(rb);
    }
    return b.build();
  }

  private static LifecycleConfiguration fromStored(StoredLifecycleConfigurationMsg m) {
    return new LifecycleConfiguration(m.getRulesList().stream().map(StoredBuckets::fromStored).toList());
  }

  private static LifecycleRule fromStored(StoredLifecycleRuleMsg r) {
    Optional<NoncurrentVersionExpiration> noncurrent = Optional.empty();
    if (r.hasNoncurrentVersionExpiration()) {
      StoredNoncurrentVersionExpirationMsg n = r.getNoncurrentVersionExpiration();
      noncurrent = Optional.of(new NoncurrentVersionExpiration(n.getNoncurrentDays(),
          n.hasNewerNoncurrentVersions() ? OptionalInt.of(n.getNewerNoncurrentVersions()) : OptionalInt.empty()));
    }
    return new LifecycleRule(r.getId(), r.getEnabled(), fromStored(r.getFilter()),
        r.hasExpiration() ? Optional.of(fromStored(r.getExpiration())) : Optional.empty(), noncurrent,
        r.hasAbortIncompleteUploadDays() ? OptionalInt.of(r.getAbortIncompleteUploadDays()) : OptionalInt.empty());
  }

  private static StoredLifecycleFilterMsg toStored(LifecycleFilter f) {
    StoredLifecycleFilterMsg.Builder b = StoredLifecycleFilterMsg.newBuilder()
        .setForm(toStored(f.form()))
        .setPrefix(f.prefix())
        .addAllTags(toStoredTags(f.tags()));
    f.sizeGreaterThan().ifPresent(b::setSizeGreaterThan);
    f.sizeLessThan().ifPresent(b::setSizeLessThan);
    return b.build();
  }

  private static LifecycleFilter fromStored(StoredLifecycleFilterMsg m) {
    return new LifecycleFilter(fromStored(m.getForm()), m.getPrefix(), fromStoredTags(m.getTagsList()),
        m.hasSizeGreaterThan() ? OptionalLong.of(m.getSizeGreaterThan()) : OptionalLong.empty(),
        m.hasSizeLessThan() ? OptionalLong.of(m.getSizeLessThan()) : OptionalLong.empty());
  }

  private static StoredLifecycleFilterMsg.Form toStored(LifecycleFilter.Form form) {
    return switch (form) {
      case RULE_PREFIX -> StoredLifecycleFilterMsg.Form.RULE_PREFIX;
      case EMPTY -> StoredLifecycleFilterMsg.Form.EMPTY;
      case PREFIX -> StoredLifecycleFilterMsg.Form.PREFIX;
      case TAG -> StoredLifecycleFilterMsg.Form.TAG;
      case SIZE_GREATER_THAN -> StoredLifecycleFilterMsg.Form.SIZE_GREATER_THAN;
      case SIZE_LESS_THAN -> StoredLifecycleFilterMsg.Form.SIZE_LESS_THAN;
      case AND -> StoredLifecycleFilterMsg.Form.AND;
    };
  }

  private static LifecycleFilter.Form fromStored(StoredLifecycleFilterMsg.Form form) {
    return switch (form) {
      case RULE_PREFIX -> LifecycleFilter.Form.RULE_PREFIX;
      case EMPTY -> LifecycleFilter.Form.EMPTY;
      case PREFIX -> LifecycleFilter.Form.PREFIX;
      case TAG -> LifecycleFilter.Form.TAG;
      case SIZE_GREATER_THAN -> LifecycleFilter.Form.SIZE_GREATER_THAN;
      case SIZE_LESS_THAN -> LifecycleFilter.Form.SIZE_LESS_THAN;
      case AND -> LifecycleFilter.Form.AND;
      case UNRECOGNIZED -> throw new IllegalArgumentException("unknown lifecycle filter form");
    };
  }

  private static StoredLifecycleExpirationMsg toStored(LifecycleExpiration e) {
    StoredLifecycleExpirationMsg.Builder b = StoredLifecycleExpirationMsg.newBuilder();
    e.days().ifPresent(b::setDays);
    e.date().ifPresent(d -> b.setDate(d.toString()));
    e.expiredObjectDeleteMarker().ifPresent(b::setExpiredObjectDeleteMarker);
    return b.build();
  }

  private static LifecycleExpiration fromStored(StoredLifecycleExpirationMsg m) {
    return new LifecycleExpiration(
        m.hasDays() ? OptionalInt.of(m.getDays()) : OptionalInt.empty(),
        m.hasDate() ? Optional.of(LocalDate.parse(m.getDate())) : Optional.empty(),
        m.hasExpiredObjectDeleteMarker() ? Optional.of(m.getExpiredObjectDeleteMarker()) : Optional.empty());
  }
}
