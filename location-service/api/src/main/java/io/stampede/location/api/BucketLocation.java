package io.stampede.location.api;

import io.stampede.common.id.StampId;
import io.stampede.location.api.bucket.BucketSettings;
import io.stampede.location.api.bucket.VersioningState;
import java.util.Objects;

/**
 * A bucket's record: its stamp, its owner (access key id), when it was created, its region, its
 * settings (versioning state, tags, CORS, lifecycle), and the id of this creation of it ({@code id},
 * "" for buckets created before ids existed): a bucket deleted and created again under the same
 * name is another bucket, and its objects are kept apart from the old one's under
 * {@link #keySpace()}.
 */
public record BucketLocation(
    String bucket, StampId stamp, String owner, long createdMs, String region, BucketSettings settings, String id) {
  /** Joins the name and the creation id in {@link #keySpace()}; never in a bucket name. */
  public static final char ID_SEPARATOR = '~';

  public BucketLocation {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(id, "id");
  }

  /** A new bucket, with no settings. */
  public BucketLocation(String bucket, StampId stamp, String owner, long createdMs, String region, String id) {
    this(bucket, stamp, owner, createdMs, region, BucketSettings.NONE, id);
  }

  /**
   * The name the partition layer files this bucket's objects under: {@code name~id}, or the bare
   * name for a bucket created before ids existed.
   */
  public String keySpace() {
    return keySpace(bucket, id);
  }

  public static String keySpace(String bucket, String id) {
    return id.isEmpty() ? bucket : bucket + ID_SEPARATOR + id;
  }

  /** The bucket name of a key space ({@link #keySpace()}). */
  public static String nameOf(String keySpace) {
    int at = keySpace.indexOf(ID_SEPARATOR);
    return at < 0 ? keySpace : keySpace.substring(0, at);
  }

  /** The bucket's versioning state, which decides what writes and deletes do to versions. */
  public VersioningState versioning() {
    return settings.versioning();
  }

  public BucketLocation withSettings(BucketSettings newSettings) {
    return new BucketLocation(bucket, stamp, owner, createdMs, region, newSettings, id);
  }

  /** A rough count of the bytes this record takes in memory, for bounding caches. */
  public long estimatedBytes() {
    return 128 + 2L * (bucket.length() + owner.length() + region.length() + id.length()) + settings.estimatedBytes();
  }
}
