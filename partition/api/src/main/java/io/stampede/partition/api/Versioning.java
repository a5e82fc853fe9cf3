package io.stampede.partition.api;

/**
 * A bucket's versioning state, which decides what a write does to the key's existing versions:
 * UNVERSIONED and SUSPENDED replace the "null" version, ENABLED adds a version with a new id.
 */
public enum Versioning {
  UNVERSIONED,
  ENABLED,
  SUSPENDED;

  /** Whether writes in this state create versions with fresh ids. */
  public boolean keepsVersions() {
    return this == ENABLED;
  }
}
