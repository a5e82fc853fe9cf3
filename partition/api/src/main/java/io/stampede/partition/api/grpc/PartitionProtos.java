package io.stampede.partition.api.grpc;

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
import io.stampede.proto.partition.PartitionServerMsg;
import io.stampede.proto.partition.PutObjectHeader;
import io.stampede.proto.partition.RangeMsg;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Conversions between the partition layer's records and their protobuf messages. */
public final class PartitionProtos {
  private PartitionProtos() {}

  public static ObjectInfoMsg toMsg(ObjectInfo info) {
    return ObjectInfoMsg.newBuilder()
        .setBucket(info.bucket())
        .setKey(info.key())
        .setSize(info.size())
        .setEtag(info.etag())
        .setLastModifiedMs(info.lastModifiedMs())
        .setContentType(info.contentType() == null ? "" : info.contentType())
        .putAllHeaders(info.headers())
        .putAllUserMetadata(info.userMetadata())
        .build();
  }

  public static ObjectInfo fromMsg(ObjectInfoMsg m) {
    return new ObjectInfo(m.getBucket(), m.getKey(), m.getSize(), m.getEtag(), m.getLastModifiedMs(),
        m.getContentType(), m.getHeadersMap(), m.getUserMetadataMap());
  }

  public static PutObjectHeader toMsg(PutObjectRequest r) {
    return PutObjectHeader.newBuilder()
        .setBucket(r.bucket())
        .setKey(r.key())
        .setContentLength(r.contentLength())
        .setContentType(r.contentType() == null ? "" : r.contentType())
        .putAllHeaders(r.headers())
        .putAllUserMetadata(r.userMetadata())
        .build();
  }

  public static PutObjectRequest fromMsg(PutObjectHeader h) {
    return new PutObjectRequest(h.getBucket(), h.getKey(), h.getContentLength(), h.getContentType(),
        h.getHeadersMap(), h.getUserMetadataMap());
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
        .build();
  }

  public static ListObjectsQuery fromMsg(ListObjectsRequest m) {
    return new ListObjectsQuery(m.getBucket(), m.getPrefix(), m.getDelimiter(), m.getStartAfter(),
        m.getFromIndexKey(), m.getMaxKeys());
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
        .build();
  }

  public static PartitionEntry fromMsg(PartitionMsg m) {
    return PartitionEntry.of(PartitionId.of(m.getPartitionId()), KeyRange.of(m.getLow(), m.getHigh()),
        m.getServerId().isEmpty() ? null : PartitionServerId.of(m.getServerId()));
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
