package io.stampede.partition.index;

import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.UploadInfo;
import java.util.List;

/**
 * An upload in progress as a checkpoint holds it: its info, the metadata the object will get,
 * the stream its parts are written to, and its parts in part-number order.
 */
public record StoredUpload(UploadInfo info, ObjectInfo template, String blobStream, List<StoredPart> parts) {
  public StoredUpload {
    parts = List.copyOf(parts);
  }
}
