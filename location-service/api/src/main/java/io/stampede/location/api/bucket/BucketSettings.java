package io.stampede.location.api.bucket;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sub-resources S3 keeps with a bucket: its versioning state, its tags (empty: no tag set),
 * its CORS configuration and its lifecycle configuration (absent: none).
 */
public record BucketSettings(
    VersioningState versioning,
    Map<String, String> tags,
    Optional<CorsConfiguration> cors,
    Optional<LifecycleConfiguration> lifecycle) {
  /** A new bucket's: unversioned, no tags, no CORS, no lifecycle. */
  public static final BucketSettings NONE =
      new BucketSettings(VersioningState.UNVERSIONED, Map.of(), Optional.empty(), Optional.empty());

  /** S3's limit on tags per bucket. */
  public static final int TAGS_MAX = 50;

  public BucketSettings {
    Objects.requireNonNull(versioning, "versioning");
    Objects.requireNonNull(cors, "cors");
    Objects.requireNonNull(lifecycle, "lifecycle");
    tags = Ordered.copy(tags);
    if (tags.size() > TAGS_MAX) {
      throw new IllegalArgumentException("at most " + TAGS_MAX + " bucket tags");
    }
  }

  public BucketSettings withVersioning(VersioningState state) {
    return new BucketSettings(state, tags, cors, lifecycle);
  }

  public BucketSettings withTags(Map<String, String> newTags) {
    return new BucketSettings(versioning, newTags, cors, lifecycle);
  }

  public BucketSettings withCors(Optional<CorsConfiguration> newCors) {
    return new BucketSettings(versioning, tags, newCors, lifecycle);
  }

  public BucketSettings withLifecycle(Optional<LifecycleConfiguration> newLifecycle) {
    return new BucketSettings(versioning, tags, cors, newLifecycle);
  }

  /** A rough count of the bytes these settings take in memory, for bounding caches. */
  public long estimatedBytes() {
    return Sizes.OBJECT_BYTES + Sizes.of(tags) + cors.map(CorsConfiguration::estimatedBytes).orElse(0L)
        + lifecycle.map(LifecycleConfiguration::estimatedBytes).orElse(0L);
  }
}
