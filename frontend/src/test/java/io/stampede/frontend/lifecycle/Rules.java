package io.stampede.frontend.lifecycle;

import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.UploadInfo;
import io.stampede.common.checksum.ChecksumType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Rules, objects and uploads for the lifecycle tests. */
final class Rules {
  private Rules() {}

  static LifecycleRule expireAfter(String id, String prefix, int days) {
    return new LifecycleRule(id, true, LifecycleFilter.prefix(prefix), Optional.of(LifecycleExpiration.afterDays(days)),
        Optional.empty(), OptionalInt.empty());
  }

  static LifecycleRule abortAfter(String id, String prefix, int days) {
    return new LifecycleRule(id, true, LifecycleFilter.rulePrefix(prefix), Optional.empty(), Optional.empty(),
        OptionalInt.of(days));
  }

  static LifecycleConfiguration of(LifecycleRule... rules) {
    return new LifecycleConfiguration(List.of(rules));
  }

  static ObjectInfo object(String key, long lastModifiedMs, long size, Map<String, String> tags) {
    return new ObjectInfo("b", key, size, "etag-" + key, lastModifiedMs, "text/plain", Map.of(), Map.of())
        .withTags(tags);
  }

  static ObjectInfo object(String key, long lastModifiedMs) {
    return object(key, lastModifiedMs, 1, Map.of());
  }

  static UploadInfo upload(String key, String id, long initiatedMs) {
    return new UploadInfo("b", key, id, initiatedMs, Optional.empty(), ChecksumType.FULL_OBJECT);
  }
}
