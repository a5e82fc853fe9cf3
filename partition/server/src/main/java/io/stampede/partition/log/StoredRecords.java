package io.stampede.partition.log;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.common.id.ExtentId;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadInfo;
import io.stampede.proto.storage.StoredChecksumMsg;
import io.stampede.proto.storage.StoredObjectInfoMsg;
import io.stampede.proto.storage.StoredPartMsg;
import io.stampede.proto.storage.StoredPointerMsg;
import io.stampede.proto.storage.StoredUploadMsg;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;
import java.util.Optional;

/**
 * Conversions between the partition layer's records and the values its on-disk formats embed
 * (storage.proto): object metadata, uploads, parts and stream pointers, as commit-log records
 * ({@link CommitLogCodec}) and checkpoints hold them. The RPC mapping
 * ({@link io.stampede.partition.api.grpc.PartitionProtos}) is separate, so either can change
 * without the other; these must keep reading every format version already on disk.
 */
public final class StoredRecords {
  private StoredRecords() {}

  public static StoredObjectInfoMsg toStored(ObjectInfo info) {
    StoredObjectInfoMsg.Builder b = StoredObjectInfoMsg.newBuilder()
        .setBucket(info.bucket())
        .setKey(info.key())
        .setSize(info.size())
        .setEtag(info.etag())
        .setLastModifiedMs(info.lastModifiedMs())
        .setContentType(info.contentType() == null ? "" : info.contentType())
        .putAllHeaders(info.headers())
        .putAllUserMetadata(info.userMetadata())
        .setVersionId(info.versionId())
        .setDeleteMarker(info.deleteMarker())
        .putAllTags(info.tags())
        .setPartsCount(info.partsCount())
        .setLatest(info.latest());
    info.checksum().ifPresent(c -> b.setChecksum(StoredChecksumMsg.newBuilder()
        .setAlgorithm(c.algorithm().name()).setType(c.type().name()).setValue(c.value())));
    return b.build();
  }

  public static ObjectInfo fromStored(StoredObjectInfoMsg m) {
    Optional<StoredChecksum> checksum = m.hasChecksum()
        ? Optional.of(new StoredChecksum(ChecksumAlgorithm.valueOf(m.getChecksum().getAlgorithm()),
            ChecksumType.valueOf(m.getChecksum().getType()), m.getChecksum().getValue()))
        : Optional.empty();
    return new ObjectInfo(m.getBucket(), m.getKey(), m.getSize(), m.getEtag(), m.getLastModifiedMs(),
        m.getContentType(), m.getHeadersMap(), m.getUserMetadataMap(),
        m.getVersionId().isEmpty() ? ObjectInfo.NULL_VERSION : m.getVersionId(), m.getDeleteMarker(), checksum,
        m.getTagsMap(), m.getPartsCount(), m.getLatest());
  }

  public static StoredUploadMsg toStored(UploadInfo u) {
    return StoredUploadMsg.newBuilder().setBucket(u.bucket()).setKey(u.key()).setUploadId(u.uploadId())
        .setInitiatedMs(u.initiatedMs()).setChecksumAlgorithm(u.checksumAlgorithm().map(Enum::name).orElse(""))
        .setChecksumType(u.checksumType().name()).build();
  }

  public static UploadInfo fromStored(StoredUploadMsg m) {
    return new UploadInfo(m.getBucket(), m.getKey(), m.getUploadId(), m.getInitiatedMs(),
        m.getChecksumAlgorithm().isEmpty() ? Optional.empty()
            : Optional.of(ChecksumAlgorithm.valueOf(m.getChecksumAlgorithm())),
        m.getChecksumType().isEmpty() ? ChecksumType.FULL_OBJECT : ChecksumType.valueOf(m.getChecksumType()));
  }

  public static StoredPartMsg toStored(ObjectPart p) {
    return StoredPartMsg.newBuilder().setPartNumber(p.partNumber()).setSize(p.size()).setEtag(p.etag())
        .setLastModifiedMs(p.lastModifiedMs()).setChecksum(p.checksum()).build();
  }

  public static ObjectPart fromStored(StoredPartMsg m) {
    return new ObjectPart(m.getPartNumber(), m.getSize(), m.getEtag(), m.getLastModifiedMs(), m.getChecksum());
  }

  public static StoredPointerMsg toStored(ExtentPointer p) {
    return StoredPointerMsg.newBuilder().setExtent(p.extent().value()).setOffset(p.offset()).setLength(p.length())
        .build();
  }

  public static ExtentPointer fromStored(StoredPointerMsg m) {
    return new ExtentPointer(ExtentId.of(m.getExtent()), m.getOffset(), m.getLength());
  }

  public static List<StoredPointerMsg> toStoredPointers(List<ExtentPointer> pointers) {
    return pointers.stream().map(StoredRecords::toStored).toList();
  }

  public static List<ExtentPointer> fromStoredPointers(List<StoredPointerMsg> msgs) {
    return msgs.stream().map(StoredRecords::fromStored).toList();
  }
}
