package io.stampede.partition.index;

import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadInfo;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A multipart upload in the index: its info, the metadata the object will get, the stream its
 * parts are written to, and the parts stored so far by number. Guarded by the index's lock.
 */
final class Upload {
  final UploadInfo info;
  final ObjectInfo template;
  final String blobStream;
  final NavigableMap<Integer, StoredPart> parts = new TreeMap<>();

  Upload(UploadInfo info, ObjectInfo template, String blobStream) {
    this.info = info;
    this.template = template;
    this.blobStream = blobStream;
  }

  /** A copy of the upload, for use outside the index's lock. */
  StoredUpload stored() {
    return new StoredUpload(info, template, blobStream, List.copyOf(parts.values()));
  }

  static Upload of(StoredUpload stored) {
    Upload u = new Upload(stored.info(), stored.template(), stored.blobStream());
    stored.parts().forEach(p -> u.parts.put(p.part().partNumber(), p));
    return u;
  }

  /** A copy of the parts, for use outside the index's lock. */
  Map<Integer, ObjectPart> partsSnapshot() {
    Map<Integer, ObjectPart> copy = new TreeMap<>();
    parts.forEach((n, p) -> copy.put(n, p.part()));
    return copy;
  }
}
