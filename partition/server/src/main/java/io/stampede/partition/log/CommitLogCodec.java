package io.stampede.partition.log;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.id.ExtentId;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.BlobPointerMsg;
import io.stampede.proto.partition.CommitLogRecordMsg;
import io.stampede.stream.api.ExtentPointer;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * The commit-log record format. Each record is exactly one block of the stream
 * {@code <partitionId>.log} (the stream layer frames and checksums blocks), holding one
 * protobuf {@code CommitLogRecordMsg} (partition.proto):
 *
 * <pre>
 *   format_version = 1    uint32, always present; readers refuse versions they do not know
 *   bucket, key           the object's bucket and key
 *   put {                 an object version:
 *     info                  ObjectInfoMsg (size, etag, last-modified, content type, headers, user metadata)
 *     blob[]                BlobPointerMsg {extent, offset, length}: the blob-stream blocks, in byte order
 *   }
 *   | tombstone {         a delete:
 *     deleted_ms
 *   }
 * </pre>
 *
 * Replay applies records in log order; the last record of a key wins. Version 1 is the first
 * version; fields may only be added (protobuf keeps old records readable).
 */
public final class CommitLogCodec {
  public static final int FORMAT_VERSION = 1;

  private CommitLogCodec() {}

  public static Buffer encode(CommitLogRecord record) {
    CommitLogRecordMsg.Builder b = CommitLogRecordMsg.newBuilder()
        .setFormatVersion(FORMAT_VERSION)
        .setBucket(record.bucket())
        .setKey(record.key());
    if (record instanceof CommitLogRecord.Put put) {
      CommitLogRecordMsg.ObjectPut.Builder p = CommitLogRecordMsg.ObjectPut.newBuilder()
          .setInfo(PartitionProtos.toMsg(put.info()));
      put.blob().forEach(ptr -> p.addBlob(BlobPointerMsg.newBuilder()
          .setExtent(ptr.extent().value()).setOffset(ptr.offset()).setLength(ptr.length())));
      b.setPut(p);
    } else if (record instanceof CommitLogRecord.Delete del) {
      b.setTombstone(CommitLogRecordMsg.Tombstone.newBuilder().setDeletedMs(del.deletedMs()));
    }
    return Buffer.buffer(b.build().toByteArray());
  }

  /** Decodes one record; fails with INTERNAL on a corrupt record or an unknown format version. */
  public static CommitLogRecord decode(Buffer block) {
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
    return switch (m.getKindCase()) {
      case PUT -> new CommitLogRecord.Put(PartitionProtos.fromMsg(m.getPut().getInfo()),
          pointers(m.getPut().getBlobList()));
      case TOMBSTONE -> new CommitLogRecord.Delete(m.getBucket(), m.getKey(), m.getTombstone().getDeletedMs());
      default -> throw new PartitionException(PartitionErrorCode.INTERNAL, "commit-log record of no kind");
    };
  }

  private static List<ExtentPointer> pointers(List<BlobPointerMsg> msgs) {
    return msgs.stream().map(p -> new ExtentPointer(ExtentId.of(p.getExtent()), p.getOffset(), p.getLength())).toList();
  }
}
