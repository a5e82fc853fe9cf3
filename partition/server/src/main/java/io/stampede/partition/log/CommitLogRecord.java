package io.stampede.partition.log;

import io.stampede.common.id.PartitionId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadInfo;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;
import java.util.Map;

/**
 * One index update in a range partition's commit log. Records of one key are appended one at a
 * time, so replaying the log in order rebuilds exactly the index the live partition had.
 */
public sealed interface CommitLogRecord {
  String bucket();

  String key();

  default String indexKey() {
    return IndexKey.of(bucket(), key());
  }

  /**
   * A new version of an object, or a delete marker (by its info): its metadata and the
   * blob-stream blocks holding its bytes, in order. A "null" version replaces the key's previous
   * "null" version; any other version is added as the newest.
   */
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

  /** Removes one version of the key for good. */
  record Delete(String bucket, String key, long deletedMs, String versionId) implements CommitLogRecord {}

  /** Replaces the tags of one version. */
  record TagsSet(String bucket, String key, String versionId, Map<String, String> tags) implements CommitLogRecord {
    public TagsSet {
      tags = Map.copyOf(tags);
    }
  }

  /**
   * A multipart upload starts: {@code template} holds the metadata the completed object will
   * carry, {@code blobStream} the stream its parts are written to.
   */
  record UploadCreated(UploadInfo upload, ObjectInfo template, String blobStream) implements CommitLogRecord {
    @Override
    public String bucket() {
      return upload.bucket();
    }

    @Override
    public String key() {
      return upload.key();
    }
  }

  /** A part of an upload is stored (replacing an earlier part of the same number). */
  record PartPut(String bucket, String key, String uploadId, ObjectPart part, List<ExtentPointer> blob)
      implements CommitLogRecord {
    public PartPut {
      blob = List.copyOf(blob);
    }
  }

  /**
   * An upload becomes the version {@code info}, made of the listed parts' blocks in order (the
   * parts' pointers, not copies of their bytes); the other parts are dropped.
   */
  record UploadCompleted(String bucket, String key, String uploadId, ObjectInfo info, List<Integer> partNumbers)
      implements CommitLogRecord {
    public UploadCompleted {
      partNumbers = List.copyOf(partNumbers);
    }
  }

  /** An upload is abandoned with its parts. */
  record UploadAborted(String bucket, String key, String uploadId) implements CommitLogRecord {}

  /**
   * Garbage collection copied the blocks of version {@code versionId} to the blob stream's tail:
   * if that version still points at exactly {@code from}, it points at {@code to} from then on;
   * otherwise (the version was removed or replaced meanwhile) the record changes nothing.
   */
  record Relocated(String bucket, String key, String versionId, List<ExtentPointer> from, List<ExtentPointer> to)
      implements CommitLogRecord {
    public Relocated {
      from = List.copyOf(from);
      to = List.copyOf(to);
    }
  }

  /**
   * DeleteBucket's fence: {@code bucket}'s key space closes in this range, unless the range holds
   * a version, delete marker or upload of it when the record applies (then nothing changes and
   * the close is refused). Every write of the bucket applied after it is refused. Its index key
   * is the bucket's lowest; it concerns every key of the bucket in the range.
   */
  record BucketClosed(String bucket) implements CommitLogRecord {
    @Override
    public String key() {
      return "";
    }
  }

  /** Undoes a {@link BucketClosed} (a DeleteBucket that could not finish). */
  record BucketReopened(String bucket) implements CommitLogRecord {
    @Override
    public String key() {
      return "";
    }
  }

  /**
   * The first record of a range's log, written when the range is first loaded: the range it was
   * created with and the retired ranges it started from (lineage for rebuilding the map from the
   * streams alone). No effect on the index; bucket and key are empty.
   */
  record Genesis(KeyRange range, List<PartitionId> sources) implements CommitLogRecord {
    public Genesis {
      sources = List.copyOf(sources);
    }

    @Override
    public String bucket() {
      return "";
    }

    @Override
    public String key() {
      return "";
    }
  }
}
