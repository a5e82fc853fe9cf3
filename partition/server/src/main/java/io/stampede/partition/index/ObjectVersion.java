package io.stampede.partition.index;

import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;

/**
 * One version of a key in the index: its metadata, the blocks holding its bytes in order, and,
 * for a version made by a multipart upload, its parts and the stream they were written to
 * ({@code ownStream}, "" for versions in the partition's shared blob stream), which is deleted
 * with the last version using it.
 */
public record ObjectVersion(ObjectInfo info, List<ExtentPointer> blob, List<ObjectPart> parts, String ownStream) {
  public ObjectVersion {
    blob = List.copyOf(blob);
    parts = List.copyOf(parts);
  }

  public String versionId() {
    return info.versionId();
  }

  public boolean deleteMarker() {
    return info.deleteMarker();
  }

  ObjectVersion withInfo(ObjectInfo newInfo) {
    return new ObjectVersion(newInfo, blob, parts, ownStream);
  }

  ObjectVersion withBlob(List<ExtentPointer> newBlob) {
    return new ObjectVersion(info, newBlob, parts, ownStream);
  }
}
