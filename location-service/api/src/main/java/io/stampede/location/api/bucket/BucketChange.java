package io.stampede.location.api.bucket;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One change to a bucket's settings; the location service applies it atomically. */
public sealed interface BucketChange {
  /** The settings after this change. */
  BucketSettings applyTo(BucketSettings settings);

  /** PutBucketVersioning: ENABLED or SUSPENDED (a bucket never returns to UNVERSIONED). */
  record SetVersioning(VersioningState state) implements BucketChange {
    public SetVersioning {
      if (state == null || state == VersioningState.UNVERSIONED) {
        throw new IllegalArgumentException("versioning can only be enabled or suspended");
      }
    }

    @Override
    public BucketSettings applyTo(BucketSettings settings) {
      return settings.withVersioning(state);
    }
  }

  /** PutBucketTagging (replaces every tag) or, with no tags, DeleteBucketTagging. */
  record SetTags(Map<String, String> tags) implements BucketChange {
    public SetTags {
      tags = Ordered.copy(tags);
    }

    @Override
    public BucketSettings applyTo(BucketSettings settings) {
      return settings.withTags(tags);
    }
  }

  /** PutBucketCors or, when empty, DeleteBucketCors. */
  record SetCors(Optional<CorsConfiguration> cors) implements BucketChange {
    public SetCors {
      Objects.requireNonNull(cors, "cors");
    }

    @Override
    public BucketSettings applyTo(BucketSettings settings) {
      return settings.withCors(cors);
    }
  }

  /** PutBucketLifecycleConfiguration or, when empty, DeleteBucketLifecycle. */
  record SetLifecycle(Optional<LifecycleConfiguration> lifecycle) implements BucketChange {
    public SetLifecycle {
      Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public BucketSettings applyTo(BucketSettings settings) {
      return settings.withLifecycle(lifecycle);
    }
  }
}
