package io.stampede.partition.index;

import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.UploadInfo;
import java.util.List;

/**
 * Where a listing resumes within the key of its marker, given a version-id or upload-id marker.
 * When the marker still exists, right after it. When it was removed since the previous page
 * (a concurrent delete or completion), by order instead, so the rest of the key is not dropped:
 * generated ids start with their creation time ({@code IdGenerator}), so
 * <ul>
 *   <li>versions resume at the first version (newest first) that is not the "null" version and
 *       whose id sorts below the marker, i.e. was created before it; a "null" version between
 *       may be skipped. A removed "null" marker has no position: the key's remaining versions are
 *       skipped (the listing goes on with the next key);</li>
 *   <li>uploads resume with those whose id sorts above the marker (initiated after it).</li>
 * </ul>
 * Either way nothing already listed is listed again.
 */
final class Markers {
  private Markers() {}

  /** The index in {@code list} (newest first) of the first version listed after {@code marker}. */
  static int versionsAfter(List<ObjectVersion> list, String marker) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).versionId().equals(marker)) {
        return i + 1;
      }
    }
    if (marker.equals(ObjectInfo.NULL_VERSION)) {
      return list.size();
    }
    for (int i = 0; i < list.size(); i++) {
      String id = list.get(i).versionId();
      if (!id.equals(ObjectInfo.NULL_VERSION) && id.compareTo(marker) < 0) {
        return i;
      }
    }
    return list.size();
  }

  /** The uploads (in order of initiation) listed after {@code marker}. */
  static List<UploadInfo> uploadsAfter(List<UploadInfo> all, String marker) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).uploadId().equals(marker)) {
        return all.subList(i + 1, all.size());
      }
    }
    return all.stream().filter(u -> u.uploadId().compareTo(marker) > 0).toList();
  }
}
