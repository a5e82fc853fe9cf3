package io.stampede.partition.index;

import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.ExtentPointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The index of one range partition: per index key its versions (newest first, the first being
 * the current one, possibly a delete marker) and its multipart uploads in progress (in order of
 * initiation), sorted by UTF-8 bytes. Built only by applying commit-log records in log order.
 * Thread-safe.
 */
public final class ObjectIndex {
  private final NavigableMap<String, List<ObjectVersion>> versions = new TreeMap<>(IndexKey::compare);
  private final NavigableMap<String, Map<String, Upload>> uploads = new TreeMap<>(IndexKey::compare);

  /**
   * Applies one record. Returns the streams (of multipart uploads) that no version or upload
   * uses any more, for the caller to delete.
   */
  public synchronized List<String> apply(CommitLogRecord record) {
    String indexKey = record.indexKey();
    List<String> freed = new ArrayList<>();
    if (record instanceof CommitLogRecord.Put put) {
      add(indexKey, new ObjectVersion(put.info(), put.blob(), List.of(), ""), freed);
    } else if (record instanceof CommitLogRecord.Delete del) {
      remove(indexKey, del.versionId()).ifPresent(v -> release(v, freed));
    } else if (record instanceof CommitLogRecord.TagsSet tags) {
      List<ObjectVersion> list = new ArrayList<>(versions.getOrDefault(indexKey, List.of()));
      list.replaceAll(v -> v.versionId().equals(tags.versionId()) ? v.withInfo(v.info().withTags(tags.tags())) : v);
      versions.put(indexKey, List.copyOf(list));
    } else if (record instanceof CommitLogRecord.UploadCreated created) {
      uploads.computeIfAbsent(indexKey, k -> new LinkedHashMap<>()).put(created.upload().uploadId(),
          new Upload(created.upload(), created.template(), created.blobStream()));
    } else if (record instanceof CommitLogRecord.PartPut part) {
      findUpload(indexKey, part.uploadId()).ifPresent(u ->
          u.parts.put(part.part().partNumber(), new Upload.StoredPart(part.part(), part.blob())));
    } else if (record instanceof CommitLogRecord.UploadCompleted done) {
      removeUpload(indexKey, done.uploadId()).ifPresent(u -> add(indexKey, completed(u, done), freed));
    } else if (record instanceof CommitLogRecord.UploadAborted aborted) {
      removeUpload(indexKey, aborted.uploadId()).ifPresent(u -> freed.add(u.blobStream));
    }
    return freed;
  }

  private static ObjectVersion completed(Upload u, CommitLogRecord.UploadCompleted done) {
    List<ExtentPointer> blob = new ArrayList<>();
    List<ObjectPart> parts = new ArrayList<>();
    for (int n : done.partNumbers()) {
      Upload.StoredPart p = u.parts.get(n);
      if (p == null) {
        throw new IllegalStateException("completion of " + done.uploadId() + " names missing part " + n);
      }
      blob.addAll(p.blob());
      parts.add(p.part());
    }
    return new ObjectVersion(done.info(), blob, parts, u.blobStream);
  }

  private void add(String indexKey, ObjectVersion version, List<String> freed) {
    List<ObjectVersion> list = new ArrayList<>(versions.getOrDefault(indexKey, List.of()));
    if (version.versionId().equals(ObjectInfo.NULL_VERSION)) {
      list.removeIf(v -> {
        boolean replaced = v.versionId().equals(ObjectInfo.NULL_VERSION);
        if (replaced) {
          release(v, freed);
        }
        return replaced;
      });
    }
    list.add(0, version);
    versions.put(indexKey, List.copyOf(list));
  }

  private Optional<ObjectVersion> remove(String indexKey, String versionId) {
    List<ObjectVersion> list = versions.get(indexKey);
    if (list == null) {
      return Optional.empty();
    }
    List<ObjectVersion> rest = new ArrayList<>(list);
    Optional<ObjectVersion> removed = list.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    removed.ifPresent(rest::remove);
    if (rest.isEmpty()) {
      versions.remove(indexKey);
    } else {
      versions.put(indexKey, List.copyOf(rest));
    }
    return removed;
  }

  private void release(ObjectVersion v, List<String> freed) {
    if (!v.ownStream().isEmpty()) {
      freed.add(v.ownStream());
    }
  }

  private Optional<Upload> findUpload(String indexKey, String uploadId) {
    return Optional.ofNullable(uploads.get(indexKey)).map(m -> m.get(uploadId));
  }

  private Optional<Upload> removeUpload(String indexKey, String uploadId) {
    Map<String, Upload> m = uploads.get(indexKey);
    Upload u = m == null ? null : m.remove(uploadId);
    if (m != null && m.isEmpty()) {
      uploads.remove(indexKey);
    }
    return Optional.ofNullable(u);
  }

  /** The key's current version, which may be a delete marker. */
  public synchronized Optional<ObjectVersion> current(String indexKey) {
    List<ObjectVersion> list = versions.get(indexKey);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** One version of the key, with its {@code latest} flag set. */
  public synchronized Optional<ObjectVersion> version(String indexKey, String versionId) {
    List<ObjectVersion> list = versions.getOrDefault(indexKey, List.of());
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).versionId().equals(versionId)) {
        ObjectVersion v = list.get(i);
        return Optional.of(v.withInfo(v.info().withLatest(i == 0)));
      }
    }
    return Optional.empty();
  }

  /** A snapshot of an upload in progress. */
  public synchronized Optional<UploadState> upload(String indexKey, String uploadId) {
    return findUpload(indexKey, uploadId).map(u -> new UploadState(u.info, u.template, u.blobStream, u.partsSnapshot()));
  }

  /** Keys whose current version is an object (not a delete marker). */
  public synchronized int liveCount() {
    return (int) versions.values().stream().filter(l -> !l.get(0).deleteMarker()).count();
  }

  public synchronized int uploadCount() {
    return uploads.values().stream().mapToInt(Map::size).sum();
  }

  /** Lists current versions within {@code range}, as {@link ListObjectsQuery} describes. */
  public synchronized ListPage list(ListObjectsQuery q, KeyRange range) {
    Listing.Result<ObjectInfo> r = Listing.walk(q, range, versions, (key, list, marker) ->
        list.get(0).deleteMarker() ? List.of() : List.of(list.get(0).info().withLatest(true)));
    return new ListPage(r.entries(), r.prefixes(), r.truncated(), range.high());
  }

  /** Lists every version within {@code range}, per key newest first. */
  public synchronized ListPage listVersions(ListObjectsQuery q, KeyRange range) {
    Listing.Result<ObjectInfo> r = Listing.walk(q, range, versions, (key, list, marker) -> {
      List<ObjectInfo> out = new ArrayList<>();
      boolean emitting = !marker;
      for (int i = 0; i < list.size(); i++) {
        ObjectVersion v = list.get(i);
        if (emitting) {
          out.add(v.info().withLatest(i == 0));
        } else if (v.versionId().equals(q.versionIdMarker())) {
          emitting = true;
        }
      }
      return out;
    });
    return new ListPage(r.entries(), r.prefixes(), r.truncated(), range.high());
  }

  /** Lists uploads in progress within {@code range}, per key in order of initiation. */
  public synchronized UploadPage listUploads(ListObjectsQuery q, KeyRange range) {
    Listing.Result<UploadInfo> r = Listing.walk(q, range, uploads, (key, byId, marker) -> {
      List<UploadInfo> out = new ArrayList<>();
      boolean emitting = !marker;
      for (Upload u : byId.values()) {
        if (emitting) {
          out.add(u.info);
        } else if (u.info.uploadId().equals(q.versionIdMarker())) {
          emitting = true;
        }
      }
      return out;
    });
    return new UploadPage(r.entries(), r.prefixes(), r.truncated(), range.high());
  }
}
