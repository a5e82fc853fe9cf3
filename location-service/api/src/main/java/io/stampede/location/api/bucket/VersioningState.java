package io.stampede.location.api.bucket;

/**
 * A bucket's versioning state. Every bucket starts UNVERSIONED; once versioning was ENABLED it
 * can only be ENABLED or SUSPENDED, never UNVERSIONED again.
 */
public enum VersioningState {
  UNVERSIONED,
  ENABLED,
  SUSPENDED
}
