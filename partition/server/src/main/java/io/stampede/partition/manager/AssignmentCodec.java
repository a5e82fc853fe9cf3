package io.stampede.partition.manager;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.AssignmentStateMsg;
import io.stampede.proto.partition.PendingMsg;
import io.stampede.proto.partition.ServerLeaseMsg;

/**
 * The snapshot format of {@link PartitionAssignment}: one protobuf {@code AssignmentStateMsg}
 * (partition.proto), {@code format_version = 1}, holding the map version, the ranges with their
 * assigned server and sources, the registered servers with lease expiry, live-since times and
 * last report, the pending ranges, and the next range number.
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
    a.ranges().forEach(r -> b.addPartitions(PartitionProtos.toMsg(r)));
    a.servers().forEach(s -> b.addServers(ServerLeaseMsg.newBuilder()
        .setServer(PartitionProtos.toMsg(s.info()))
        .setLeaseExpiryMs(s.leaseExpiryMs())
        .setLiveSinceMs(s.liveSinceMs())
        .setMapVersion(s.mapVersion())
        .addAllRanges(s.ranges().stream().map(PartitionProtos::toMsg).toList())));
    a.pending().forEach(p -> b.addPending(PendingMsg.newBuilder()
        .setPartitionId(p.id().value())
        .setTargetServerId(p.target() == null ? "" : p.target().value())
        .setSinceVersion(p.sinceVersion())
        .addAllWaitsFor(p.waitsFor().stream().map(PartitionId::value).toList())));
    return b.build();
  }

  static PartitionAssignment fromMsg(AssignmentStateMsg m) {
    if (m.getFormatVersion() != FORMAT_VERSION) {
      throw new IllegalStateException("partition manager snapshot format " + m.getFormatVersion() + " unknown");
    }
    return new PartitionAssignment(m.getVersion(), m.getNextPartitionNumber(),
        m.getPartitionsList().stream().map(PartitionProtos::fromMsg).toList(),
        m.getServersList().stream().map(s -> new PartitionAssignment.ServerLease(
            PartitionProtos.fromMsg(s.getServer()), s.getLeaseExpiryMs(), s.getLiveSinceMs(), s.getMapVersion(),
            s.getRangesList().stream().map(PartitionProtos::fromMsg).toList())).toList(),
        m.getPendingList().stream().map(p -> new PartitionAssignment.Pending(PartitionId.of(p.getPartitionId()),
            p.getTargetServerId().isEmpty() ? null : PartitionServerId.of(p.getTargetServerId()),
            p.getSinceVersion(), p.getWaitsForList().stream().map(PartitionId::of).toList())).toList(),
        m.getLastSplitMs());
  }
}
