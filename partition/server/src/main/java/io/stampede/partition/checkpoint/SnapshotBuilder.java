package io.stampede.partition.checkpoint;

import io.stampede.common.key.IndexKey;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.partition.index.ObjectVersion;
import io.stampede.partition.index.StoredPart;
import io.stampede.partition.index.StoredUpload;
import io.stampede.partition.log.StoredRecords;
import io.stampede.proto.storage.CheckpointPartMsg;
import io.stampede.proto.storage.CheckpointUploadMsg;
import io.stampede.proto.storage.CheckpointVersionMsg;
import io.stampede.stream.api.ExtentPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Collects decoded checkpoint entries, in block order, into an {@link IndexSnapshot}. */
final class SnapshotBuilder {
  private final NavigableMap<String, List<ObjectVersion>> versions = new TreeMap<>(IndexKey::compare);
  private final NavigableMap<String, List<StoredUpload>> uploads = new TreeMap<>(IndexKey::compare);
  private String lastKey;

  /** Whether {@code indexKey} is a key not seen yet (rather than the previous key continued). */
  boolean startKey(String indexKey) {
    if (indexKey.equals(lastKey)) {
      return false;
    }
    if (lastKey != null && IndexKey.compare(indexKey, lastKey) < 0) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "checkpoint keys out of order at " + indexKey);
    }
    lastKey = indexKey;
    return true;
  }

  void version(String indexKey, CheckpointVersionMsg m) {
    List<ObjectVersion> list = versions.computeIfAbsent(indexKey, k -> new ArrayList<>());
    List<ExtentPointer> blob = StoredRecords.fromStoredPointers(m.getBlobList());
    var parts = m.getPartsList().stream().map(StoredRecords::fromStored).toList();
    if (!m.getContinued()) {
      list.add(new ObjectVersion(StoredRecords.fromStored(m.getInfo()), blob, parts, m.getOwnStream()));
      return;
    }
    if (list.isEmpty()) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "checkpoint continues no version of " + indexKey);
    }
    ObjectVersion last = list.get(list.size() - 1);
    List<ExtentPointer> allBlob = new ArrayList<>(last.blob());
    allBlob.addAll(blob);
    var allParts = new ArrayList<>(last.parts());
    allParts.addAll(parts);
    list.set(list.size() - 1, new ObjectVersion(last.info(), allBlob, allParts, last.ownStream()));
  }

  void upload(String indexKey, CheckpointUploadMsg m) {
    List<StoredUpload> list = uploads.computeIfAbsent(indexKey, k -> new ArrayList<>());
    List<StoredPart> parts = m.getPartsList().stream().map(SnapshotBuilder::part).toList();
    if (!m.getContinued()) {
      list.add(new StoredUpload(StoredRecords.fromStored(m.getUpload()), StoredRecords.fromStored(m.getTemplate()),
          m.getBlobStream(), parts));
      return;
    }
    if (list.isEmpty()) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "checkpoint continues no upload of " + indexKey);
    }
    StoredUpload last = list.get(list.size() - 1);
    List<StoredPart> all = new ArrayList<>(last.parts());
    all.addAll(parts);
    list.set(list.size() - 1, new StoredUpload(last.info(), last.template(), last.blobStream(), all));
  }

  private static StoredPart part(CheckpointPartMsg m) {
    return new StoredPart(StoredRecords.fromStored(m.getPart()), StoredRecords.fromStoredPointers(m.getBlobList()));
  }

  IndexSnapshot build(Optional<ExtentPointer> position, long records, List<String> freedStreams) {
    return build(position, records, freedStreams, Set.of());
  }

  IndexSnapshot build(Optional<ExtentPointer> position, long records, List<String> freedStreams,
      Set<String> closedBuckets) {
    NavigableMap<String, List<ObjectVersion>> v = new TreeMap<>(IndexKey::compare);
    versions.forEach((k, list) -> v.put(k, List.copyOf(list)));
    NavigableMap<String, List<StoredUpload>> u = new TreeMap<>(IndexKey::compare);
    uploads.forEach((k, list) -> u.put(k, List.copyOf(list)));
    return new IndexSnapshot(v, u, position, records, freedStreams, closedBuckets);
  }
}
