package io.stampede.partition.log;

import io.stampede.common.key.IndexKey;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;

/** One index update in a range partition's commit log: an object put, or a tombstone. */
public sealed interface CommitLogRecord {
  String bucket();

  String key();

  default String indexKey() {
    return IndexKey.of(bucket(), key());
  }

  /** An object: its metadata and the blob-stream blocks holding its bytes, in order. */
  record Put(ObjectInfo info, List<ExtentPointer> blob) implements CommitLogRecord {
    public Put {
      blob = List.copyOf(blob);
    }

    @Override
    public String bucket() {
      return info.bucket();
    }

    @Override
    public String key() {
      return info.key();
    }
  }

  /** A delete: from this record on the key is absent. */
  record Delete(String bucket, String key, long deletedMs) implements CommitLogRecord {}
}
