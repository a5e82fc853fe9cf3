package io.stampede.partition.api;

/**
 * What a delete did: {@code versionId} of the version removed or of the delete marker created
 * (empty when nothing versioned was involved), and whether that version is a delete marker.
 */
public record DeleteResult(String versionId, boolean deleteMarker) {
  public static final DeleteResult NONE = new DeleteResult("", false);
}
