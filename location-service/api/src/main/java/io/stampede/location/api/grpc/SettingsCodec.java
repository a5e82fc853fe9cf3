package io.stampede.location.api.grpc;

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
import io.stampede.proto.location.BucketSettingsMsg;
import io.stampede.proto.location.CorsConfigurationMsg;
import io.stampede.proto.location.CorsRuleMsg;
import io.stampede.proto.location.LifecycleConfigurationMsg;
import io.stampede.proto.location.LifecycleExpirationMsg;
import io.stampede.proto.location.LifecycleFilterMsg;
import io.stampede.proto.location.LifecycleRuleMsg;
import io.stampede.proto.location.NoncurrentVersionExpirationMsg;
import io.stampede.proto.location.TagMsg;
import io.stampede.proto.location.TagSetMsg;
import io.stampede.proto.location.UpdateBucketRequest;
import io.stampede.proto.location.VersioningStateMsg;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Converts bucket settings and their changes to and from their protobuf form. */
public final class SettingsCodec {
  private SettingsCodec() {}

  public static BucketSettingsMsg toMsg(BucketSettings s) {
    BucketSettingsMsg.Builder b = BucketSettingsMsg.newBuilder()
        .setVersioning(toMsg(s.versioning()))
        .addAllTags(tags(s.tags()));
    s.cors().ifPresent(c -> b.setCors(toMsg(c)));
    s.lifecycle().ifPresent(l -> b.setLifecycle(toMsg(l)));
    return b.build();
  }

  public static BucketSettings fromMsg(BucketSettingsMsg m) {
    return new BucketSettings(fromMsg(m.getVersioning()), tags(m.getTagsList()),
        m.hasCors() ? Optional.of(fromMsg(m.getCors())) : Optional.empty(),
        m.hasLifecycle() ? Optional.of(fromMsg(m.getLifecycle())) : Optional.empty());
  }

  /** Sets the change on an UpdateBucket request. */
  public static UpdateBucketRequest.Builder withChange(UpdateBucketRequest.Builder b, BucketChange change) {
    if (change instanceof BucketChange.SetVersioning v) {
      return b.setVersioning(toMsg(v.state()));
    }
    if (change instanceof BucketChange.SetTags t) {
      return b.setTags(TagSetMsg.newBuilder().addAllTags(tags(t.tags())));
    }
    if (change instanceof BucketChange.SetCors c) {
      return b.setCors(c.cors().map(SettingsCodec::toMsg).orElse(CorsConfigurationMsg.getDefaultInstance()));
    }
    BucketChange.SetLifecycle l = (BucketChange.SetLifecycle) change;
    return b.setLifecycle(l.lifecycle().map(SettingsCodec::toMsg)
        .orElse(LifecycleConfigurationMsg.getDefaultInstance()));
  }

  /** The change an UpdateBucket request carries; IllegalArgumentException when it carries none. */
  public static BucketChange change(UpdateBucketRequest r) {
    return switch (r.getChangeCase()) {
      case VERSIONING -> new BucketChange.SetVersioning(fromMsg(r.getVersioning()));
      case TAGS -> new BucketChange.SetTags(tags(r.getTags().getTagsList()));
      case CORS -> new BucketChange.SetCors(r.getCors().getRulesCount() == 0
          ? Optional.empty() : Optional.of(fromMsg(r.getCors())));
      case LIFECYCLE -> new BucketChange.SetLifecycle(r.getLifecycle().getRulesCount() == 0
          ? Optional.empty() : Optional.of(fromMsg(r.getLifecycle())));
      case CHANGE_NOT_SET -> throw new IllegalArgumentException("UpdateBucket without a change");
    };
  }

  static VersioningStateMsg toMsg(VersioningState s) {
    return switch (s) {
      case UNVERSIONED -> VersioningStateMsg.VERSIONING_UNVERSIONED;
      case ENABLED -> VersioningStateMsg.VERSIONING_ENABLED;
      case SUSPENDED -> VersioningStateMsg.VERSIONING_SUSPENDED;
    };
  }

  static VersioningState fromMsg(VersioningStateMsg m) {
    return switch (m) {
      case VERSIONING_ENABLED -> VersioningState.ENABLED;
      case VERSIONING_SUSPENDED -> VersioningState.SUSPENDED;
      case VERSIONING_UNVERSIONED, UNRECOGNIZED -> VersioningState.UNVERSIONED;
    };
  }

  private static List<TagMsg> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> TagMsg.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
        .toList();
  }

  private static Map<String, String> tags(List<TagMsg> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach(t -> out.put(t.getKey(), t.getValue()));
    return out;
  }

  static CorsConfigurationMsg toMsg(CorsConfiguration c) {
    CorsConfigurationMsg.Builder b = CorsConfigurationMsg.newBuilder();
    for (CorsRule r : c.rules()) {
      CorsRuleMsg.Builder rb = CorsRuleMsg.newBuilder()
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

  static CorsConfiguration fromMsg(CorsConfigurationMsg m) {
    return new CorsConfiguration(m.getRulesList().stream().map(r -> new CorsRule(
        r.hasId() ? Optional.of(r.getId()) : Optional.empty(),
        r.getAllowedMethodsList(), r.getAllowedOriginsList(), r.getAllowedHeadersList(), r.getExposeHeadersList(),
        r.hasMaxAgeSeconds() ? OptionalInt.of(r.getMaxAgeSeconds()) : OptionalInt.empty())).toList());
  }

  static LifecycleConfigurationMsg toMsg(LifecycleConfiguration c) {
    LifecycleConfigurationMsg.Builder b = LifecycleConfigurationMsg.newBuilder();
    for (LifecycleRule r : c.rules()) {
      LifecycleRuleMsg.Builder rb = LifecycleRuleMsg.newBuilder()
          .setId(r.id()).setEnabled(r.enabled()).setFilter(toMsg(r.filter()));
      r.expiration().ifPresent(e -> rb.setExpiration(toMsg(e)));
      r.noncurrentVersionExpiration().ifPresent(n -> {
        NoncurrentVersionExpirationMsg.Builder nb =
            NoncurrentVersionExpirationMsg.newBuilder().setNoncurrentDays(n.noncurrentDays());
        n.newerNoncurrentVersions().ifPresent(nb::setNewerNoncurrentVersions);
        rb.setNoncurrentVersionExpiration(nb);
      });
      r.abortIncompleteUploadDays().ifPresent(rb::setAbortIncompleteUploadDays);
      b.addRules(rb);
    }
    return b.build();
  }

  static LifecycleConfiguration fromMsg(LifecycleConfigurationMsg m) {
    return new LifecycleConfiguration(m.getRulesList().stream().map(r -> new LifecycleRule(
        r.getId(), r.getEnabled(), fromMsg(r.getFilter()),
        r.hasExpiration() ? Optional.of(fromMsg(r.getExpiration())) : Optional.empty(),
        r.hasNoncurrentVersionExpiration()
            ? Optional.of(new NoncurrentVersionExpiration(r.getNoncurrentVersionExpiration().getNoncurrentDays(),
                r.getNoncurrentVersionExpiration().hasNewerNoncurrentVersions()
                    ? OptionalInt.of(r.getNoncurrentVersionExpiration().getNewerNoncurrentVersions())
                    : OptionalInt.empty()))
            : Optional.empty(),
        r.hasAbortIncompleteUploadDays() ? OptionalInt.of(r.getAbortIncompleteUploadDays()) : OptionalInt.empty()))
        .toList());
  }

  private static LifecycleFilterMsg toMsg(LifecycleFilter f) {
    LifecycleFilterMsg.Builder b = LifecycleFilterMsg.newBuilder()
        .setForm(LifecycleFilterMsg.Form.valueOf(f.form().name()))
        .setPrefix(f.prefix())
        .addAllTags(tags(f.tags()));
    f.sizeGreaterThan().ifPresent(b::setSizeGreaterThan);
    f.sizeLessThan().ifPresent(b::setSizeLessThan);
    return b.build();
  }

  private static LifecycleFilter fromMsg(LifecycleFilterMsg m) {
    return new LifecycleFilter(LifecycleFilter.Form.valueOf(m.getForm().name()), m.getPrefix(),
        tags(m.getTagsList()),
        m.hasSizeGreaterThan() ? OptionalLong.of(m.getSizeGreaterThan()) : OptionalLong.empty(),
        m.hasSizeLessThan() ? OptionalLong.of(m.getSizeLessThan()) : OptionalLong.empty());
  }

  private static LifecycleExpirationMsg toMsg(LifecycleExpiration e) {
    LifecycleExpirationMsg.Builder b = LifecycleExpirationMsg.newBuilder();
    e.days().ifPresent(b::setDays);
    e.date().ifPresent(d -> b.setDate(d.toString()));
    e.expiredObjectDeleteMarker().ifPresent(b::setExpiredObjectDeleteMarker);
    return b.build();
  }

  private static LifecycleExpiration fromMsg(LifecycleExpirationMsg m) {
    return new LifecycleExpiration(
        m.hasDays() ? OptionalInt.of(m.getDays()) : OptionalInt.empty(),
        m.hasDate() ? Optional.of(LocalDate.parse(m.getDate())) : Optional.empty(),
        m.hasExpiredObjectDeleteMarker() ? Optional.of(m.getExpiredObjectDeleteMarker()) : Optional.empty());
  }
}
