package io.stampede.partition.manager;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.ServerReport;
import io.stampede.proto.storage.AssignmentStateMsg;
import io.stampede.proto.storage.RetiredMsg;
import io.stampede.proto.storage.ManagerCommandMsg;
import io.stampede.proto.storage.PendingMsg;
import io.stampede.proto.storage.ServerLeaseMsg;
import io.stampede.proto.storage.StoredPartitionMsg;
import io.stampede.proto.storage.StoredRangeLoadMsg;
import io.stampede.proto.storage.StoredServerMsg;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The partition manager's formats on disk, both protobuf messages of storage.proto that embed no
 * RPC message:
 *
 * <pre>
 *   AssignmentStateMsg (the Raft snapshot of {@link PartitionAssignment})
 *     format_version = 1        uint32; readers refuse versions they do not know
 *     version                   the map version
 *     partitions[]              StoredPartitionMsg {partition_id, low, high, server_id ("" unassigned), sources[]}
 *     servers[]                 ServerLeaseMsg {server (StoredServerMsg {server_id, host, port}),
 *                               lease_expiry_ms, live_since_ms, map_version, ranges[] (StoredRangeLoadMsg)}
 *     next_partition_number
 *     pending[]                 PendingMsg {partition_id, target_server_id ("" any), since_version, waits_for[]}
 *     last_split_ms
 *     retired[]                 RetiredMsg {partition_id, holders[]}: ranges split or merged away, and
 *                               the current ranges that still need their streams
 *   ManagerCommandMsg (one Raft log entry)
 *     initialize { split_points[] } | heartbeat { server, now_ms, lease_ms, map_version, ranges[] }
 *     | assign_orphans { now_ms, grace_ms } | assign { partition_id, server_id }
 *     | split { partition_id, key ("" the reported one), now_ms } | merge { partition_id, now_ms }
 *     | move { partition_id, server_id, now_ms } | replace { partitions[] }
 *     | forget_retired { partition_id }
 * </pre>
 *
 * Commands carry no version: fields and kinds may only be added, and a peer ignores a command of
 * a kind it does not know. Version 1 was first written from messages of partition.proto
 * (PartitionMsg, PartitionServerMsg, RangeLoadMsg) with the same field numbers and types, so those
 * snapshots and log entries read the same; AssignmentCodecTest keeps their bytes.
 */
final class AssignmentCodec {
  static final int FORMAT_VERSION = 1;

  private AssignmentCodec() {}

  static AssignmentStateMsg toMsg(PartitionAssignment a) {
    AssignmentStateMsg.Builder b = AssignmentStateMsg.newBuilder()
        .setFormatVersion(FORMAT_VERSION)
        .setVersion(a.version())
        .setNextPartitionNumber(a.nextPartitionNumber())
        .setLastSplitMs(a.lastSplitMs());
    a.ranges().forEach(r -> b.addPartitions(toStored(r)));
    a.servers().forEach(s -> b.addServers(ServerLeaseMsg.newBuilder()
        .setServer(toStored(s.info()))
        .setLeaseExpiryMs(s.leaseExpiryMs())
        .setLiveSinceMs(s.liveSinceMs())
        .setMapVersion(s.mapVersion())
        .addAllRanges(s.ranges().stream().map(AssignmentCodec::toStored).toList())));
    a.pending().forEach(p -> b.addPending(PendingMsg.newBuilder()
        .setPartitionId(p.id().value())
        .setTargetServerId(p.target() == null ? "" : p.target().value())
        .setSinceVersion(p.sinceVersion())
        .addAllWaitsFor(p.waitsFor().stream().map(PartitionId::value).toList())));
    a.retired().forEach((id, holders) -> b.addRetired(RetiredMsg.newBuilder().setPartitionId(id.value())
        .addAllHolders(holders.stream().map(PartitionId::value).sorted().toList())));
    return b.build();
  }

  static PartitionAssignment fromMsg(AssignmentStateMsg m) {
    if (m.getFormatVersion() != FORMAT_VERSION) {
      throw new IllegalStateException("partition manager snapshot format " + m.getFormatVersion() + " unknown");
    }
    return new PartitionAssignment(m.getVersion(), m.getNextPartitionNumber(),
        m.getPartitionsList().stream().map(AssignmentCodec::fromStored).toList(),
        m.getServersList().stream().map(s -> new PartitionAssignment.ServerLease(
            fromStored(s.getServer()), s.getLeaseExpiryMs(), s.getLiveSinceMs(), s.getMapVersion(),
            s.getRangesList().stream().map(AssignmentCodec::fromStored).toList())).toList(),
        m.getPendingList().stream().map(p -> new PartitionAssignment.Pending(PartitionId.of(p.getPartitionId()),
            p.getTargetServerId().isEmpty() ? null : PartitionServerId.of(p.getTargetServerId()),
            p.getSinceVersion(), p.getWaitsForList().stream().map(PartitionId::of).toList())).toList(),
        m.getLastSplitMs(), m.getRetiredList().stream().collect(Collectors.toMap(r -> PartitionId.of(r.getPartitionId()),
            r -> r.getHoldersList().stream().map(PartitionId::of).collect(Collectors.toSet()))));
  }

  /** The snapshot's bytes. */
  static byte[] encode(PartitionAssignment a) {
    return toMsg(a).toByteArray();
  }

  /** A snapshot; IllegalStateException if it is corrupt or of a format version this build does not read. */
  static PartitionAssignment decode(byte[] snapshot) {
    try {
      return fromMsg(AssignmentStateMsg.parseFrom(snapshot));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt partition manager snapshot", e);
    }
  }

  /** One Raft log entry; IllegalArgumentException if it is corrupt. */
  static ManagerCommandMsg decodeCommand(byte[] command) {
    try {
      return ManagerCommandMsg.parseFrom(command);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a ManagerCommandMsg: " + e.getMessage(), e);
    }
  }

  static ManagerCommandMsg initialize(List<String> splitPoints) {
    return ManagerCommandMsg.newBuilder().setInitialize(ManagerCommandMsg.InitializeCmd.newBuilder()
        .addAllSplitPoints(splitPoints)).build();
  }

  static ManagerCommandMsg heartbeat(ServerReport report, long nowMs, long leaseMs) {
    return ManagerCommandMsg.newBuilder().setHeartbeat(ManagerCommandMsg.HeartbeatCmd.newBuilder()
        .setServer(toStored(report.server()))
        .setNowMs(nowMs)
        .setLeaseMs(leaseMs)
        .setMapVersion(report.mapVersion())
        .addAllRanges(report.ranges().stream().map(AssignmentCodec::toStored).toList())).build();
  }

  /** The report a heartbeat command carries. */
  static ServerReport report(ManagerCommandMsg.HeartbeatCmd h) {
    return new ServerReport(fromStored(h.getServer()), h.getMapVersion(),
        h.getRangesList().stream().map(AssignmentCodec::fromStored).toList());
  }

  static ManagerCommandMsg assignOrphans(long nowMs, long graceMs) {
    return ManagerCommandMsg.newBuilder().setAssignOrphans(ManagerCommandMsg.AssignOrphansCmd.newBuilder()
        .setNowMs(nowMs).setGraceMs(graceMs)).build();
  }

  static ManagerCommandMsg assign(PartitionId range, PartitionServerId server) {
    return ManagerCommandMsg.newBuilder().setAssign(ManagerCommandMsg.AssignCmd.newBuilder()
        .setPartitionId(range.value()).setServerId(server.value())).build();
  }

  static ManagerCommandMsg split(PartitionId range, Optional<String> indexKey, long nowMs) {
    return ManagerCommandMsg.newBuilder().setSplit(ManagerCommandMsg.SplitCmd.newBuilder()
        .setPartitionId(range.value()).setKey(indexKey.orElse("")).setNowMs(nowMs)).build();
  }

  static ManagerCommandMsg merge(PartitionId left, long nowMs) {
    return ManagerCommandMsg.newBuilder().setMerge(ManagerCommandMsg.MergeCmd.newBuilder()
        .setPartitionId(left.value()).setNowMs(nowMs)).build();
  }

  static ManagerCommandMsg move(PartitionId range, PartitionServerId to, long nowMs) {
    return ManagerCommandMsg.newBuilder().setMove(ManagerCommandMsg.MoveCmd.newBuilder()
        .setPartitionId(range.value()).setServerId(to.value()).setNowMs(nowMs)).build();
  }

  static ManagerCommandMsg forgetRetired(PartitionId range) {
    return ManagerCommandMsg.newBuilder().setForgetRetired(ManagerCommandMsg.ForgetRetiredCmd.newBuilder()
        .setPartitionId(range.value())).build();
  }

  static ManagerCommandMsg replace(List<PartitionEntry> ranges) {
    return ManagerCommandMsg.newBuilder().setReplace(ManagerCommandMsg.ReplaceCmd.newBuilder()
        .addAllPartitions(ranges.stream().map(AssignmentCodec::toStored).toList())).build();
  }

  /** The ranges a replace command carries. */
  static List<PartitionEntry> ranges(ManagerCommandMsg.ReplaceCmd r) {
    return r.getPartitionsList().stream().map(AssignmentCodec::fromStored).toList();
  }

  private static StoredPartitionMsg toStored(PartitionEntry e) {
    return StoredPartitionMsg.newBuilder()
        .setPartitionId(e.id().value())
        .setLow(e.range().low())
        .setHigh(e.range().high())
        .setServerId(e.server() == null ? "" : e.server().value())
        .addAllSources(e.sources().stream().map(PartitionId::value).toList())
        .build();
  }

  private static PartitionEntry fromStored(StoredPartitionMsg m) {
    return new PartitionEntry(PartitionId.of(m.getPartitionId()), KeyRange.of(m.getLow(), m.getHigh()),
        m.getServerId().isEmpty() ? null : PartitionServerId.of(m.getServerId()),
        m.getSourcesList().stream().map(PartitionId::of).toList());
  }

  private static StoredServerMsg toStored(PartitionServerInfo s) {
    return StoredServerMsg.newBuilder().setServerId(s.id().value()).setHost(s.endpoint().host())
        .setPort(s.endpoint().port()).build();
  }

  private static PartitionServerInfo fromStored(StoredServerMsg m) {
    return PartitionServerInfo.of(PartitionServerId.of(m.getServerId()), Endpoint.of(m.getHost(), m.getPort()));
  }

  private static StoredRangeLoadMsg toStored(RangeLoad r) {
    return StoredRangeLoadMsg.newBuilder()
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

  private static RangeLoad fromStored(StoredRangeLoadMsg m) {
    return new RangeLoad(PartitionId.of(m.getPartitionId()), m.getLoaded(), m.getKeys(), m.getBytes(),
        m.getRequestsPerSecond(), m.getSplitKey().isEmpty() ? Optional.empty() : Optional.of(m.getSplitKey()),
        m.getBlobSealedBytes(), m.getBlobLiveBytes(), m.getOwnBlobsOnly());
  }
}
