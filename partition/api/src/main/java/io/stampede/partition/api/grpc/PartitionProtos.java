package io.stampede.partition.api.grpc;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartPage;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.Versioning;
import io.stampede.partition.api.WriteCondition;
import io.stampede.proto.partition.ChecksumMsg;
import io.stampede.proto.partition.ListPartsReply;
import io.stampede.proto.partition.ListUploadsReply;
import io.stampede.proto.partition.ObjectKeyMsg;
import io.stampede.proto.partition.ObjectPartMsg;
import io.stampede.proto.partition.UploadKeyMsg;
import io.stampede.proto.partition.UploadMsg;
import io.stampede.proto.partition.UploadPartHeader;
import io.stampede.proto.partition.WriteConditionMsg;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.ByteRange;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.proto.partition.ListObjectsReply;
import io.stampede.proto.partition.ListObjectsRequest;
import io.stampede.proto.partition.ObjectInfoMsg;
import io.stampede.proto.partition.PartitionMapMsg;
import io.stampede.proto.partition.PartitionMsg;
import io.stampede.proto.partition.HeartbeatRequest;
import io.stampede.proto.partition.RangeLoadMsg;
import io.stampede.proto.partition.PartitionServerMsg;
import io.stampede.proto.partition.PutObjectHeader;
import io.stampede.proto.partition.RangeMsg;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.ServerReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Conversions between the partition layer's records and their protobuf messages. */
public final class PartitionProtos {
  private PartitionProtos() {}

  public static ObjectInfoMsg toMsg(ObjectInfo info) {
    ObjectInfoMsg.Builder b = ObjectInfoMsg.newBuilder()
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
    info.checksum().ifPresent(c -> b.setChecksum(ChecksumMsg.newBuilder()
        .setAlgorithm(c.algorithm().name()).setType(c.type().name()).setValue(c.value())));
    return b.build();
  }

  public static ObjectInfo fromMsg(ObjectInfoMsg m) {
    Optional<StoredChecksum> checksum = m.hasChecksum()
        ? Optional.of(new StoredChecksum(ChecksumAlgorithm.valueOf(m.getChecksum().getAlgorithm()),
            ChecksumType.valueOf(m.getChecksum().getType()), m.getChecksum().getValue()))
        : Optional.empty();
    return new ObjectInfo(m.getBucket(), m.getKey(), m.getSize(), m.getEtag(), m.getLastModifiedMs(),
        m.getContentType(), m.getHeadersMap(), m.getUserMetadataMap(),
        m.getVersionId().isEmpty() ? ObjectInfo.NULL_VERSION : m.getVersionId(), m.getDeleteMarker(), checksum,
        m.getTagsMap(), m.getPartsCount(), m.getLatest());
  }

  public static PutObjectHeader toMsg(PutObjectRequest r) {
    return PutObjectHeader.newBuilder()
        .setBucket(r.bucket())
        .setKey(r.key())
        .setContentLength(r.contentLength())
        .setContentType(r.contentType() == null ? "" : r.contentType())
        .putAllHeaders(r.headers())
        .putAllUserMetadata(r.userMetadata())
        .putAllTags(r.tags())
        .setVersioning(r.versioning().name())
        .setCondition(toMsg(r.condition()))
        .setChecksumAlgorithm(r.checksumAlgorithm().map(Enum::name).orElse(""))
        .build();
  }

  public static PutObjectRequest fromMsg(PutObjectHeader h) {
    return new PutObjectRequest(h.getBucket(), h.getKey(), h.getContentLength(), h.getContentType(),
        h.getHeadersMap(), h.getUserMetadataMap(), h.getTagsMap(), versioning(h.getVersioning()),
        fromMsg(h.getCondition()), algorithm(h.getChecksumAlgorithm()));
  }

  public static WriteConditionMsg toMsg(WriteCondition c) {
    return WriteConditionMsg.newBuilder().setIfMatch(c.ifMatch().orElse("")).setIfNoneMatch(c.ifNoneMatch()).build();
  }

  public static WriteCondition fromMsg(WriteConditionMsg m) {
    return new WriteCondition(nonEmpty(m.getIfMatch()), m.getIfNoneMatch());
  }

  static Versioning versioning(String name) {
    return name.isEmpty() ? Versioning.UNVERSIONED : Versioning.valueOf(name);
  }

  static Optional<ChecksumAlgorithm> algorithm(String name) {
    return name.isEmpty() ? Optional.empty() : Optional.of(ChecksumAlgorithm.valueOf(name));
  }

  static Optional<String> nonEmpty(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  public static ObjectKeyMsg toMsg(ObjectRef ref) {
    return ObjectKeyMsg.newBuilder().setBucket(ref.bucket()).setKey(ref.key()).setVersionId(ref.versionId())
        .setPartNumber(ref.partNumber()).build();
  }

  public static ObjectRef fromMsg(ObjectKeyMsg m) {
    return new ObjectRef(m.getBucket(), m.getKey(), m.getVersionId(), m.getPartNumber());
  }

  public static DeleteObjectRequest fromMsg(io.stampede.proto.partition.DeleteObjectRequest m) {
    return new DeleteObjectRequest(m.getBucket(), m.getKey(), m.getVersionId(), versioning(m.getVersioning()),
        nonEmpty(m.getIfMatch()));
  }

  public static io.stampede.proto.partition.DeleteObjectRequest toMsg(DeleteObjectRequest r) {
    return io.stampede.proto.partition.DeleteObjectRequest.newBuilder().setBucket(r.bucket()).setKey(r.key())
        .setVersionId(r.versionId()).setVersioning(r.versioning().name()).setIfMatch(r.ifMatch().orElse("")).build();
  }

  public static ObjectPartMsg toMsg(ObjectPart p) {
    return ObjectPartMsg.newBuilder().setPartNumber(p.partNumber()).setSize(p.size()).setEtag(p.etag())
        .setLastModifiedMs(p.lastModifiedMs()).setChecksum(p.checksum()).build();
  }

  public static ObjectPart fromMsg(ObjectPartMsg m) {
    return new ObjectPart(m.getPartNumber(), m.getSize(), m.getEtag(), m.getLastModifiedMs(), m.getChecksum());
  }

  public static UploadMsg toMsg(UploadInfo u) {
    return UploadMsg.newBuilder().setBucket(u.bucket()).setKey(u.key()).setUploadId(u.uploadId())
        .setInitiatedMs(u.initiatedMs()).setChecksumAlgorithm(u.checksumAlgorithm().map(Enum::name).orElse(""))
        .setChecksumType(u.checksumType().name()).build();
  }

  public static UploadInfo fromMsg(UploadMsg m) {
    return new UploadInfo(m.getBucket(), m.getKey(), m.getUploadId(), m.getInitiatedMs(),
        algorithm(m.getChecksumAlgorithm()),
        m.getChecksumType().isEmpty() ? ChecksumType.FULL_OBJECT : ChecksumType.valueOf(m.getChecksumType()));
  }

  public static UploadKeyMsg toMsg(UploadRef u) {
    return UploadKeyMsg.newBuilder().setBucket(u.bucket()).setKey(u.key()).setUploadId(u.uploadId()).build();
  }

  public static UploadRef fromMsg(UploadKeyMsg m) {
    return new UploadRef(m.getBucket(), m.getKey(), m.getUploadId());
  }

  public static io.stampede.proto.partition.CreateUploadRequest toMsg(CreateUploadRequest r) {
    return io.stampede.proto.partition.CreateUploadRequest.newBuilder().setBucket(r.bucket()).setKey(r.key())
        .setContentType(r.contentType() == null ? "" : r.contentType()).putAllHeaders(r.headers())
        .putAllUserMetadata(r.userMetadata()).putAllTags(r.tags())
        .setChecksumAlgorithm(r.checksumAlgorithm().map(Enum::name).orElse(""))
        .setChecksumType(r.checksumType().name()).build();
  }

  public static CreateUploadRequest fromMsg(io.stampede.proto.partition.CreateUploadRequest m) {
    return new CreateUploadRequest(m.getBucket(), m.getKey(), m.getContentType(), m.getHeadersMap(),
        m.getUserMetadataMap(), m.getTagsMap(), algorithm(m.getChecksumAlgorithm()),
        m.getChecksumType().isEmpty() ? ChecksumType.FULL_OBJECT : ChecksumType.valueOf(m.getChecksumType()));
  }

  public static UploadPartHeader toMsg(UploadPartRequest r) {
    return UploadPartHeader.newBuilder().setBucket(r.upload().bucket()).setKey(r.upload().key())
        .setUploadId(r.upload().uploadId()).setPartNumber(r.partNumber()).setContentLength(r.contentLength()).build();
  }

  public static UploadPartRequest fromMsg(UploadPartHeader h) {
    return new UploadPartRequest(new UploadRef(h.getBucket(), h.getKey(), h.getUploadId()), h.getPartNumber(),
        h.getContentLength());
  }

  public static io.stampede.proto.partition.CompleteUploadRequest toMsg(CompleteUploadRequest r) {
    io.stampede.proto.partition.CompleteUploadRequest.Builder b =
        io.stampede.proto.partition.CompleteUploadRequest.newBuilder()
            .setUpload(toMsg(r.upload())).setPartBytesMin(r.partBytesMin())
            .setVersioning(r.versioning().name()).setCondition(toMsg(r.condition()));
    r.parts().forEach(p -> b.addParts(io.stampede.proto.partition.CompleteUploadRequest.Part.newBuilder()
        .setPartNumber(p.partNumber()).setEtag(p.etag()).setChecksum(p.checksum())
        .setChecksumAlgorithm(p.checksumAlgorithm().map(Enum::name).orElse(""))));
    return b.build();
  }

  public static CompleteUploadRequest fromMsg(io.stampede.proto.partition.CompleteUploadRequest m) {
    return new CompleteUploadRequest(fromMsg(m.getUpload()),
        m.getPartsList().stream().map(p -> new CompleteUploadRequest.Selected(p.getPartNumber(), p.getEtag(),
            algorithm(p.getChecksumAlgorithm()), p.getChecksum())).toList(),
        m.getPartBytesMin(), versioning(m.getVersioning()), fromMsg(m.getCondition()));
  }

  public static ListPartsReply toMsg(PartPage page) {
    ListPartsReply.Builder b = ListPartsReply.newBuilder().setUpload(toMsg(page.upload())).setTruncated(page.truncated());
    page.parts().forEach(p -> b.addParts(toMsg(p)));
    return b.build();
  }

  public static PartPage fromMsg(ListPartsReply m) {
    return new PartPage(fromMsg(m.getUpload()), m.getPartsList().stream().map(PartitionProtos::fromMsg).toList(),
        m.getTruncated());
  }

  public static ListUploadsReply toMsg(UploadPage page) {
    ListUploadsReply.Builder b = ListUploadsReply.newBuilder().addAllCommonPrefixes(page.commonPrefixes())
        .setTruncated(page.truncated()).setRangeHigh(page.rangeHigh());
    page.uploads().forEach(u -> b.addUploads(toMsg(u)));
    return b.build();
  }

  public static UploadPage fromMsg(ListUploadsReply m) {
    return new UploadPage(m.getUploadsList().stream().map(PartitionProtos::fromMsg).toList(),
        m.getCommonPrefixesList(), m.getTruncated(), m.getRangeHigh());
  }

  public static Optional<RangeMsg> toMsg(Optional<ByteRange> range) {
    return range.map(r -> RangeMsg.newBuilder()
        .setFirst(r.first()).setLast(r.last()).setSuffixLength(r.suffixLength()).build());
  }

  public static Optional<ByteRange> fromMsg(boolean present, RangeMsg r) {
    return present ? Optional.of(new ByteRange(r.getFirst(), r.getLast(), r.getSuffixLength())) : Optional.empty();
  }

  public static ListObjectsRequest toMsg(ListObjectsQuery q) {
    return ListObjectsRequest.newBuilder()
        .setBucket(q.bucket())
        .setPrefix(q.prefix())
        .setDelimiter(q.delimiter())
        .setStartAfter(q.startAfter())
        .setFromIndexKey(q.fromIndexKey())
        .setMaxKeys(q.maxKeys())
        .setVersionIdMarker(q.versionIdMarker())
        .build();
  }

  public static ListObjectsQuery fromMsg(ListObjectsRequest m) {
    return new ListObjectsQuery(m.getBucket(), m.getPrefix(), m.getDelimiter(), m.getStartAfter(),
        m.getFromIndexKey(), m.getMaxKeys(), m.getVersionIdMarker());
  }

  public static ListObjectsReply toMsg(ListPage page) {
    ListObjectsReply.Builder b = ListObjectsReply.newBuilder()
        .addAllCommonPrefixes(page.commonPrefixes())
        .setTruncated(page.truncated())
        .setRangeHigh(page.rangeHigh());
    page.objects().forEach(o -> b.addObjects(toMsg(o)));
    return b.build();
  }

  public static ListPage fromMsg(ListObjectsReply m) {
    return new ListPage(m.getObjectsList().stream().map(PartitionProtos::fromMsg).toList(),
        m.getCommonPrefixesList(), m.getTruncated(), m.getRangeHigh());
  }

  public static PartitionServerMsg toMsg(PartitionServerInfo s) {
    return PartitionServerMsg.newBuilder()
        .setServerId(s.id().value())
        .setHost(s.endpoint().host())
        .setPort(s.endpoint().port())
        .build();
  }

  public static PartitionServerInfo fromMsg(PartitionServerMsg m) {
    return PartitionServerInfo.of(PartitionServerId.of(m.getServerId()), Endpoint.of(m.getHost(), m.getPort()));
  }

  public static PartitionMsg toMsg(PartitionEntry e) {
    return PartitionMsg.newBuilder()
        .setPartitionId(e.id().value())
        .setLow(e.range().low())
        .setHigh(e.range().high())
        .setServerId(e.server() == null ? "" : e.server().value())
        .addAllSources(e.sources().stream().map(PartitionId::value).toList())
        .build();
  }

  public static PartitionEntry fromMsg(PartitionMsg m) {
    return new PartitionEntry(PartitionId.of(m.getPartitionId()), KeyRange.of(m.getLow(), m.getHigh()),
        m.getServerId().isEmpty() ? null : PartitionServerId.of(m.getServerId()),
        m.getSourcesList().stream().map(PartitionId::of).toList());
  }

  public static RangeLoadMsg toMsg(RangeLoad r) {
    return RangeLoadMsg.newBuilder()
        .setPartitionId(r.id().value())
        .setLoaded(r.loaded())
        .setKeys(r.keys())
        .setBytes(r.bytes())
        .setRequestsPerSecond(r.requestsPerSecond())
        .setSplitKey(r.splitKey().orElse(""))
        .setBlobSealedBytes(r.blobSealedBytes())
        .setBlobLiveBytes(r.blobLiveBytes())
        .setOwnBlobsOnly(r.ownBlobsOnly())
        .build();
  }

  public static RangeLoad fromMsg(RangeLoadMsg m) {
    return new RangeLoad(PartitionId.of(m.getPartitionId()), m.getLoaded(), m.getKeys(), m.getBytes(),
        m.getRequestsPerSecond(), m.getSplitKey().isEmpty() ? Optional.empty() : Optional.of(m.getSplitKey()),
        m.getBlobSealedBytes(), m.getBlobLiveBytes(), m.getOwnBlobsOnly());
  }

  public static HeartbeatRequest toMsg(ServerReport r) {
    return HeartbeatRequest.newBuilder()
        .setServer(toMsg(r.server()))
        .setMapVersion(r.mapVersion())
        .addAllRanges(r.ranges().stream().map(PartitionProtos::toMsg).toList())
        .build();
  }

  public static ServerReport fromMsg(HeartbeatRequest m) {
    return new ServerReport(fromMsg(m.getServer()), m.getMapVersion(),
        m.getRangesList().stream().map(PartitionProtos::fromMsg).toList());
  }

  public static PartitionMapMsg toMsg(PartitionMap map) {
    PartitionMapMsg.Builder b = PartitionMapMsg.newBuilder().setVersion(map.version());
    map.entries().forEach(e -> b.addPartitions(toMsg(e)));
    map.servers().values().stream()
        .sorted((x, y) -> x.id().compareTo(y.id()))
        .forEach(s -> b.addServers(toMsg(s)));
    return b.build();
  }

  public static PartitionMap fromMsg(PartitionMapMsg m) {
    Map<PartitionServerId, PartitionServerInfo> servers = new LinkedHashMap<>();
    m.getServersList().forEach(s -> {
      PartitionServerInfo info = fromMsg(s);
      servers.put(info.id(), info);
    });
    return new PartitionMap(m.getVersion(),
        m.getPartitionsList().stream().map(PartitionProtos::fromMsg).toList(), servers);
  }
}
