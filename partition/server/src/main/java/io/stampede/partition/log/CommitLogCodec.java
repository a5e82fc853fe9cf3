package io.stampede.partition.log;

import static io.stampede.partition.log.StoredRecords.fromStored;
import static io.stampede.partition.log.StoredRecords.fromStoredPointers;
import static io.stampede.partition.log.StoredRecords.toStored;
import static io.stampede.partition.log.StoredRecords.toStoredPointers;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.id.PartitionId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.proto.storage.CommitLogRecordMsg;
import io.vertx.core.buffer.Buffer;

/**
 * The commit-log record format. Each record is exactly one block of the stream
 * {@code <partitionId>.log} (the stream layer frames and checksums blocks), holding one
 * protobuf {@code CommitLogRecordMsg} of storage.proto, which embeds no RPC message
 * ({@link StoredRecords} maps the values):
 *
 * <pre>
 *   format_version = 1    uint32, always present; readers refuse versions they do not know
 *   bucket, key           the object's bucket and key
 *   put {                 an object version or delete marker:
 *     info                  StoredObjectInfoMsg (version id, size, etag, checksum, metadata, tags, ...)
 *     blob[]                StoredPointerMsg {extent, offset, length}: the blob-stream blocks, in byte order
 *   }
 *   | tombstone {         one version removed: deleted_ms, version_id ("" in records written
 *   }                     before versioning existed: the "null" version)
 *   | tags_set { version_id, tags }
 *   | upload_created { upload (StoredUploadMsg), template (metadata of the object to be), blob_stream }
 *   | part_put { upload_id, part (StoredPartMsg), blob[] }
 *   | upload_completed { upload_id, info, part_numbers[] }
 *   | upload_aborted { upload_id }
 *   | genesis { low, high, sources[] }   first record of a range's log; bucket, key empty
 *   | relocated { version_id, from[], to[] }   garbage collection moved a version's blocks
 *   | bucket_closed {} | bucket_reopened {}   DeleteBucket's fence on the bucket's key space (key empty)
 *   epoch                 the writer's owner epoch of the log stream (0 in records written before
 *                         epochs existed); see {@link EpochFilter}
 * </pre>
 *
 * Replay applies records in log order. Version 1 is the first version; fields and kinds may only
 * be added (protobuf keeps old records readable), and records of earlier builds mean the same.
 * Version 1 records were first written from messages of partition.proto (ObjectInfoMsg,
 * UploadMsg, ObjectPartMsg, BlobPointerMsg) with the same field numbers and types, so they read
 * the same; CommitLogCodecTest keeps bytes of every kind as they were written then.
 */
public final class CommitLogCodec {
  public static final int FORMAT_VERSION = 1;

  private CommitLogCodec() {}

  /** {@code record} as written by the log's writer of owner epoch {@code epoch}. */
  public static Buffer encode(CommitLogRecord record, long epoch) {
    CommitLogRecordMsg.Builder b = CommitLogRecordMsg.newBuilder()
        .setFormatVersion(FORMAT_VERSION)
        .setEpoch(epoch)
        .setBucket(record.bucket())
        .setKey(record.key());
    if (record instanceof CommitLogRecord.Put put) {
      b.setPut(CommitLogRecordMsg.ObjectPut.newBuilder()
          .setInfo(toStored(put.info())).addAllBlob(toStoredPointers(put.blob())));
    } else if (record instanceof CommitLogRecord.Delete del) {
      b.setTombstone(CommitLogRecordMsg.Tombstone.newBuilder()
          .setDeletedMs(del.deletedMs()).setVersionId(del.versionId()));
    } else if (record instanceof CommitLogRecord.TagsSet t) {
      b.setTagsSet(CommitLogRecordMsg.TagsSet.newBuilder().setVersionId(t.versionId()).putAllTags(t.tags()));
    } else if (record instanceof CommitLogRecord.UploadCreated u) {
      b.setUploadCreated(CommitLogRecordMsg.UploadCreated.newBuilder().setUpload(toStored(u.upload()))
          .setTemplate(toStored(u.template())).setBlobStream(u.blobStream()));
    } else if (record instanceof CommitLogRecord.PartPut p) {
      b.setPartPut(CommitLogRecordMsg.PartPut.newBuilder().setUploadId(p.uploadId())
          .setPart(toStored(p.part())).addAllBlob(toStoredPointers(p.blob())));
    } else if (record instanceof CommitLogRecord.UploadCompleted c) {
      b.setUploadCompleted(CommitLogRecordMsg.UploadCompleted.newBuilder().setUploadId(c.uploadId())
          .setInfo(toStored(c.info())).addAllPartNumbers(c.partNumbers()));
    } else if (record instanceof CommitLogRecord.UploadAborted a) {
      b.setUploadAborted(CommitLogRecordMsg.UploadAborted.newBuilder().setUploadId(a.uploadId()));
    } else if (record instanceof CommitLogRecord.Genesis g) {
      b.setGenesis(CommitLogRecordMsg.Genesis.newBuilder().setLow(g.range().low()).setHigh(g.range().high())
          .addAllSources(g.sources().stream().map(PartitionId::value).toList()));
    } else if (record instanceof CommitLogRecord.BucketClosed) {
      b.setBucketClosed(CommitLogRecordMsg.BucketClosed.getDefaultInstance());
    } else if (record instanceof CommitLogRecord.BucketReopened) {
      b.setBucketReopened(CommitLogRecordMsg.BucketReopened.getDefaultInstance());
    } else if (record instanceof CommitLogRecord.Relocated r) {
      b.setRelocated(CommitLogRecordMsg.Relocated.newBuilder().setVersionId(r.versionId())
          .addAllFrom(toStoredPointers(r.from())).addAllTo(toStoredPointers(r.to())));
    }
    return Buffer.buffer(b.build().toByteArray());
  }

  /** Decodes one record; fails with INTERNAL on a corrupt record or an unknown format version. */
  public static CommitLogRecord decode(Buffer block) {
    return decodeLogged(block).record();
  }

  /** Decodes one record with its writer's epoch; fails as {@link #decode}. */
  public static Logged decodeLogged(Buffer block) {
    CommitLogRecordMsg m;
    try {
      m = CommitLogRecordMsg.parseFrom(block.getBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "corrupt commit-log record", e);
    }
    if (m.getFormatVersion() != FORMAT_VERSION) {
      throw new PartitionException(PartitionErrorCode.INTERNAL,
          "commit-log record format " + m.getFormatVersion() + " unknown (this build reads " + FORMAT_VERSION + ")");
    }
    return new Logged(m.getEpoch(), record(m));
  }

  private static CommitLogRecord record(CommitLogRecordMsg m) {
    String bucket = m.getBucket();
    String key = m.getKey();
    return switch (m.getKindCase()) {
      case PUT -> new CommitLogRecord.Put(fromStored(m.getPut().getInfo()),
          fromStoredPointers(m.getPut().getBlobList()));
      case TOMBSTONE -> new CommitLogRecord.Delete(bucket, key, m.getTombstone().getDeletedMs(),
          m.getTombstone().getVersionId().isEmpty() ? ObjectInfo.NULL_VERSION : m.getTombstone().getVersionId());
      case TAGS_SET -> new CommitLogRecord.TagsSet(bucket, key, m.getTagsSet().getVersionId(),
          m.getTagsSet().getTagsMap());
      case UPLOAD_CREATED -> new CommitLogRecord.UploadCreated(fromStored(m.getUploadCreated().getUpload()),
          fromStored(m.getUploadCreated().getTemplate()), m.getUploadCreated().getBlobStream());
      case PART_PUT -> new CommitLogRecord.PartPut(bucket, key, m.getPartPut().getUploadId(),
          fromStored(m.getPartPut().getPart()), fromStoredPointers(m.getPartPut().getBlobList()));
      case UPLOAD_COMPLETED -> new CommitLogRecord.UploadCompleted(bucket, key, m.getUploadCompleted().getUploadId(),
          fromStored(m.getUploadCompleted().getInfo()), m.getUploadCompleted().getPartNumbersList());
      case UPLOAD_ABORTED -> new CommitLogRecord.UploadAborted(bucket, key, m.getUploadAborted().getUploadId());
      case GENESIS -> new CommitLogRecord.Genesis(KeyRange.of(m.getGenesis().getLow(), m.getGenesis().getHigh()),
          m.getGenesis().getSourcesList().stream().map(PartitionId::of).toList());
      case BUCKET_CLOSED -> new CommitLogRecord.BucketClosed(bucket);
      case BUCKET_REOPENED -> new CommitLogRecord.BucketReopened(bucket);
      case RELOCATED -> new CommitLogRecord.Relocated(bucket, key, m.getRelocated().getVersionId(),
          fromStoredPointers(m.getRelocated().getFromList()), fromStoredPointers(m.getRelocated().getToList()));
      default -> throw new PartitionException(PartitionErrorCode.INTERNAL, "commit-log record of no kind");
    };
  }

  /** A record and the owner epoch of the writer that logged it. */
  public record Logged(long epoch, CommitLogRecord record) {}
}
