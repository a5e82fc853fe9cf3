package io.stampede.location.api;

import io.stampede.common.id.StampId;
import io.stampede.location.api.bucket.BucketSettings;
import io.stampede.location.api.bucket.VersioningState;
import java.util.Objects;

/**
 * A bucket's record: its stamp, its owner (access key id), when it was created, its region, and
 * its settings (versioning state, tags, CORS, lifecycle).
 */
public record BucketLocation(
    String bucket, StampId stamp, String owner, long createdMs, String region, BucketSettings settings) {
  public BucketLocation {
    Objects.requireNonNull(settings, "settings");
  }

  /** A new bucket, with no settings. */
  public BucketLocation(String bucket, StampId stamp, String owner, long createdMs, String region) {
    this(bucket, stamp, owner, createdMs, region, BucketSettings.NONE);
  }

  /** The bucket's versioning state, which decides what writes and deletes do to versions. */
  public VersioningState versioning() {
    return settings.versioning();
  }

  public BucketLocation withSettings(BucketSettings newSettings) {
    return new BucketLocation(bucket, stamp, owner, createdMs, region, newSettings);
  }

  /** A rough count of the bytes this record takes in memory, for bounding caches. */
  public long estimatedBytes() {
    return 128 + 2L * (bucket.length() + owner.length() + region.length()) + settings.estimatedBytes();
  }
}
