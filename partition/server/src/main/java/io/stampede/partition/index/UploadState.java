package io.stampede.partition.index;

import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadInfo;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot of an upload in progress: its info, the object's metadata to be, its parts by number. */
public record UploadState(UploadInfo info, ObjectInfo template, String blobStream, Map<Integer, ObjectPart> parts) {
  public UploadState {
    parts = new TreeMap<>(parts);
  }
}
