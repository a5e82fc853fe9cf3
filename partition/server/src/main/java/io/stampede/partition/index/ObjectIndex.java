package io.stampede.partition.index;

import io.stampede.common.id.ExtentId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.ExtentPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of one range partition: per index key its versions (newest first, the first being
 * the current one, possibly a delete marker) and its multipart uploads in progress (in order of
 * initiation), sorted by UTF-8 bytes. Built by applying commit-log records in log order, on top
 * of a checkpoint ({@link #restore}); {@link #snapshot} copies it with the log position it
 * includes. Keeps the live key count and their bytes as records apply. Thread-safe.
 */
public final class ObjectIndex {
  private static final Logger log = LoggerFactory.getLogger(ObjectIndex.class);

  private final NavigableMap<String, List<ObjectVersion>> versions = new TreeMap<>(IndexKey::compare);
  private final NavigableMap<String, Map<String, Upload>> uploads = new TreeMap<>(IndexKey::compare);
  private final List<String> freedStreams = new ArrayList<>();
  /** Key spaces of deleted buckets: writes of their keys are refused ({@link #refusal}). */
  private final Set<String> closedBuckets = new HashSet<>();
  private ExtentPointer position;
  private long records;
  private long liveKeys;
  private long liveBytes;
  private final SplitKey splitKey = new SplitKey();

  /** An index holding {@code snapshot}'s content, position and record count. */
  public static ObjectIndex restore(IndexSnapshot snapshot) {
    ObjectIndex index = new ObjectIndex();
    snapshot.versions().forEach(index::setVersions);
    snapshot.uploads().forEach((key, list) -> {
      Map<String, Upload> byId = new LinkedHashMap<>();
      list.forEach(u -> byId.put(u.info().uploadId(), Upload.of(u)));
      index.uploads.put(key, byId);
    });
    index.position = snapshot.position().orElse(null);
    index.records = snapshot.records();
    index.freedStreams.addAll(snapshot.freedStreams());
    index.closedBuckets.addAll(snapshot.closedBuckets());
    return index;
  }

  /**
   * Applies one record of the range's own commit log, found at {@code at}: the index then
   * includes the log up to {@code at}. Returns the streams it freed, as {@link #apply(CommitLogRecord)}.
   */
  public synchronized List<String> apply(CommitLogRecord record, ExtentPointer at) {
    List<String> freed = apply(record);
    position = at;
    records++;
    freedStreams.addAll(freed);
    return freed;
  }

  /**
   * Applies one record. Returns the streams (of multipart uploads) that no version or upload
   * uses any more, for the caller to delete. Never fails on a record that does not fit the
   * index (a missing upload or part is skipped with a warning), so a range can always load.
   */
  public synchronized List<String> apply(CommitLogRecord record) {
    String indexKey = record.indexKey();
    List<String> freed = new ArrayList<>();
    if (refusal(record).isPresent()) {
      return freed;
    }
    if (record instanceof CommitLogRecord.BucketClosed closed) {
      closedBuckets.add(closed.bucket());
    } else if (record instanceof CommitLogRecord.BucketReopened reopened) {
      closedBuckets.remove(reopened.bucket());
    } else if (record instanceof CommitLogRecord.Put put) {
      add(indexKey, new ObjectVersion(put.info(), put.blob(), List.of(), ""), freed);
    } else if (record instanceof CommitLogRecord.Delete del) {
      remove(indexKey, del.versionId()).ifPresent(v -> release(v, freed));
    } else if (record instanceof CommitLogRecord.TagsSet tags) {
      List<ObjectVersion> list = versions.get(indexKey);
      if (list != null) {
        List<ObjectVersion> changed = new ArrayList<>(list);
        changed.replaceAll(v -> v.versionId().equals(tags.versionId()) ? v.withInfo(v.info().withTags(tags.tags())) : v);
        setVersions(indexKey, changed);
      }
    } else if (record instanceof CommitLogRecord.UploadCreated created) {
      uploads.computeIfAbsent(indexKey, k -> new LinkedHashMap<>()).put(created.upload().uploadId(),
          new Upload(created.upload(), created.template(), created.blobStream()));
    } else if (record instanceof CommitLogRecord.PartPut part) {
      findUpload(indexKey, part.uploadId()).ifPresent(u ->
          u.parts.put(part.part().partNumber(), new StoredPart(part.part(), part.blob())));
    } else if (record instanceof CommitLogRecord.UploadCompleted done) {
      findUpload(indexKey, done.uploadId()).ifPresent(u -> {
        ObjectVersion version = completed(u, done);
        removeUpload(indexKey, done.uploadId());
        add(indexKey, version, freed);
      });
    } else if (record instanceof CommitLogRecord.UploadAborted aborted) {
      removeUpload(indexKey, aborted.uploadId()).ifPresent(u -> freed.add(u.blobStream));
    } else if (record instanceof CommitLogRecord.Relocated moved) {
      List<ObjectVersion> list = versions.get(indexKey);
      if (list != null) {
        List<ObjectVersion> changed = new ArrayList<>(list);
        changed.replaceAll(v -> v.versionId().equals(moved.versionId()) && v.blob().equals(moved.from())
            ? v.withBlob(moved.to()) : v);
        setVersions(indexKey, changed);
      }
    }
    return freed;
  }

  /**
   * Why {@code record} has no effect when it applies now, if it has none: a write of a key whose
   * bucket is closed (NO_SUCH_BUCKET), or a close of a bucket the index still holds a version,
   * delete marker or upload of (BUCKET_NOT_EMPTY). Decided by the index alone, so a replay of the
   * log decides the same; the writer of the record gets the refusal as its answer.
   */
  public synchronized Optional<PartitionException> refusal(CommitLogRecord record) {
    if (record instanceof CommitLogRecord.BucketClosed closed) {
      String b = closed.bucket();
      boolean holds = !IndexSnapshot.within(versions, KeySpaces.range(b)).isEmpty()
          || !IndexSnapshot.within(uploads, KeySpaces.range(b)).isEmpty();
      return holds ? Optional.of(new PartitionException(PartitionErrorCode.BUCKET_NOT_EMPTY,
          b + " still holds a version, delete marker or upload in this range")) : Optional.empty();
    }
    boolean write = record instanceof CommitLogRecord.Put || record instanceof CommitLogRecord.UploadCreated
        || record instanceof CommitLogRecord.PartPut || record instanceof CommitLogRecord.UploadCompleted
        || record instanceof CommitLogRecord.TagsSet || record instanceof CommitLogRecord.Relocated
        || record instanceof CommitLogRecord.Delete;
    if (write && closedBuckets.contains(record.bucket())) {
      return Optional.of(new PartitionException(PartitionErrorCode.NO_SUCH_BUCKET, record.bucket() + " was deleted"));
    }
    return Optional.empty();
  }

  /** Whether {@code bucket}'s key space is closed in this range (the bucket was deleted). */
  public synchronized boolean closed(String bucket) {
    return closedBuckets.contains(bucket);
  }

  private static ObjectVersion completed(Upload u, CommitLogRecord.UploadCompleted done) {
    List<ExtentPointer> blob = new ArrayList<>();
    List<ObjectPart> parts = new ArrayList<>();
    for (int n : done.partNumbers()) {
      StoredPart p = u.parts.get(n);
      if (p == null) {
        log.warn("completion of upload {} of {} names missing part {}: skipped", done.uploadId(), done.indexKey(), n);
        continue;
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
    setVersions(indexKey, list);
  }

  private Optional<ObjectVersion> remove(String indexKey, String versionId) {
    List<ObjectVersion> list = versions.get(indexKey);
    if (list == null) {
      return Optional.empty();
    }
    List<ObjectVersion> rest = new ArrayList<>(list);
    Optional<ObjectVersion> removed = list.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    removed.ifPresent(rest::remove);
    setVersions(indexKey, rest);
    return removed;
  }

  /** The one place the versions of a key change: keeps the live counters right. */
  private void setVersions(String indexKey, List<ObjectVersion> list) {
    List<ObjectVersion> old = list.isEmpty() ? versions.remove(indexKey) : versions.put(indexKey, List.copyOf(list));
    ObjectVersion was = old == null || old.isEmpty() ? null : old.get(0);
    ObjectVersion now = list.isEmpty() ? null : list.get(0);
    if (was != null && !was.deleteMarker()) {
      liveKeys--;
      liveBytes -= was.info().size();
    }
    if (now != null && !now.deleteMarker()) {
      liveKeys++;
      liveBytes += now.info().size();
    }
    splitKey.changed();
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

  /**
   * A copy of the whole index with its position, for a checkpoint. Costs one pass over the keys
   * under the lock (no record applies meanwhile, which is what makes it consistent).
   */
  public synchronized IndexSnapshot snapshot() {
    NavigableMap<String, List<StoredUpload>> u = new TreeMap<>(IndexKey::compare);
    uploads.forEach((key, byId) -> u.put(key, byId.values().stream().map(Upload::stored).toList()));
    return new IndexSnapshot(new TreeMap<>(versions), u, Optional.ofNullable(position), records,
        List.copyOf(freedStreams), closedBuckets);
  }

  /** Forgets freed streams a written checkpoint carried (their deletion had its chances). */
  public synchronized void forgetFreed(List<String> streams) {
    streams.forEach(freedStreams::remove);
  }

  /** A new index of only the keys of {@code range} (position and record count are not kept). */
  public synchronized ObjectIndex cut(KeyRange range) {
    IndexSnapshot s = snapshot().cut(range);
    return restore(new IndexSnapshot(s.versions(), s.uploads(), Optional.empty(), 0, List.of(), s.closedBuckets()));
  }

  /**
   * Adds every key of {@code other}, which must share none with this index (the ranges a merge
   * joins are disjoint); position and record count stay this index's.
   */
  public synchronized void merge(ObjectIndex other) {
    IndexSnapshot s = other.snapshot();
    s.versions().forEach((key, list) -> {
      if (versions.containsKey(key) || uploads.containsKey(key)) {
        throw new IllegalArgumentException("merged indexes share the key " + key);
      }
      setVersions(key, list);
    });
    s.uploads().forEach((key, list) -> {
      if (uploads.containsKey(key)) {
        throw new IllegalArgumentException("merged indexes share the key " + key);
      }
      Map<String, Upload> byId = new LinkedHashMap<>();
      list.forEach(u -> byId.put(u.info().uploadId(), Upload.of(u)));
      uploads.put(key, byId);
    });
    closedBuckets.addAll(s.closedBuckets());
  }

  /**
   * Payload bytes per extent of every version (current or not) whose bytes are in a shared blob
   * stream (not a multipart upload's own stream): what garbage collection keeps.
   */
  public synchronized Map<ExtentId, Long> blobBytesByExtent() {
    Map<ExtentId, Long> bytes = new HashMap<>();
    versions.values().forEach(list -> list.forEach(v -> {
      if (v.ownStream().isEmpty()) {
        v.blob().forEach(p -> bytes.merge(p.extent(), (long) p.length(), Long::sum));
      }
    }));
    return bytes;
  }

  /** The versions in shared blob streams with at least one block in {@code extents}, in key order. */
  public synchronized List<BlobRef> blobsIn(Set<ExtentId> extents) {
    List<BlobRef> refs = new ArrayList<>();
    versions.forEach((indexKey, list) -> list.forEach(v -> {
      if (v.ownStream().isEmpty() && v.blob().stream().anyMatch(p -> extents.contains(p.extent()))) {
        refs.add(new BlobRef(v.info().bucket(), v.info().key(), v.versionId(), v.blob()));
      }
    }));
    return refs;
  }

  /** One version's blocks, named by its bucket, key and version id. */
  public record BlobRef(String bucket, String key, String versionId, List<ExtentPointer> blob) {
    public BlobRef {
      blob = List.copyOf(blob);
    }
  }

  /** The pointer of the last own commit-log record included; empty: none. */
  public synchronized Optional<ExtentPointer> position() {
    return Optional.ofNullable(position);
  }

  /** Records of the range's own commit log included. */
  public synchronized long records() {
    return records;
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

  /**
   * The version multipart upload {@code uploadId} of the key became when it was completed (its
   * parts' stream names the upload), if it is still there.
   */
  public synchronized Optional<ObjectVersion> completedFrom(String indexKey, String uploadId) {
    List<ObjectVersion> list = versions.getOrDefault(indexKey, List.of());
    for (int i = 0; i < list.size(); i++) {
      ObjectVersion v = list.get(i);
      if (!v.ownStream().isEmpty() && v.ownStream().endsWith(".mpu." + uploadId)) {
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
    return (int) liveKeys;
  }

  /** Keys whose current version is an object (not a delete marker). */
  public synchronized long liveKeys() {
    return liveKeys;
  }

  /** Bytes of the current versions that are objects. */
  public synchronized long liveBytes() {
    return liveBytes;
  }

  /**
   * The median live key: about half the live keys sort below it; always above the lowest key
   * held, so above the range's low. Empty with fewer than two live keys. Recomputed only after
   * enough changes (a walk over the keys).
   */
  public synchronized Optional<String> splitKey() {
    return splitKey.get(versions, liveKeys);
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

  /** Lists every version within {@code range}, per key newest first ({@link Markers#versionsAfter}). */
  public synchronized ListPage listVersions(ListObjectsQuery q, KeyRange range) {
    Listing.Result<ObjectInfo> r = Listing.walk(q, range, versions, (key, list, marker) -> {
      List<ObjectInfo> out = new ArrayList<>();
      for (int i = marker ? Markers.versionsAfter(list, q.versionIdMarker()) : 0; i < list.size(); i++) {
        out.add(list.get(i).info().withLatest(i == 0));
      }
      return out;
    });
    return new ListPage(r.entries(), r.prefixes(), r.truncated(), range.high());
  }

  /** Lists uploads in progress within {@code range}, per key in order of initiation ({@link Markers#uploadsAfter}). */
  public synchronized UploadPage listUploads(ListObjectsQuery q, KeyRange range) {
    Listing.Result<UploadInfo> r = Listing.walk(q, range, uploads, (key, byId, marker) -> {
      List<UploadInfo> all = byId.values().stream().map(u -> u.info).toList();
      return marker ? Markers.uploadsAfter(all, q.versionIdMarker()) : all;
    });
    return new UploadPage(r.entries(), r.prefixes(), r.truncated(), range.high());
  }
}
