package io.stampede.ministamp;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.partition.api.RangeLoad;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.StampSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stamp described at one moment, what {@code ./stamp status} prints and {@code /status}
 * serves: its extent nodes rack by rack, every extent of every stream with its replicas, and the
 * partition map.
 *
 * @param vip where the stamp serves S3: the VIP its front-ends share
 * @param frontends the front-ends behind the VIP, in order
 * @param stamps every stamp as the location service knows it (VIP, last reported fill, buckets)
 * @param extentNodes every extent node, in rack then node order
 * @param extents every extent of every stream, in stream order
 * @param underReplicated extents the stream manager itself counts as lacking healthy replicas
 * @param partitions the range partitions in key order
 * @param partitionManagerLeader the partition manager peer leading its Raft group, if any
 * @param streamManagerLeader the stream manager peer leading its Raft group and serving, if any
 */
public record StampStatus(
    StampId stamp,
    Endpoint vip,
    List<FrontendStatus> frontends,
    List<StampSummary> stamps,
    List<ExtentNodeStatus> extentNodes,
    List<ExtentStatus> extents,
    int underReplicated,
    List<PartitionStatus> partitions,
    Optional<ManagerPeerId> partitionManagerLeader,
    Optional<ManagerPeerId> streamManagerLeader) {
  /** The replicas a healthy extent has, each in its own rack. */
  public static final int REPLICAS = 3;

  public StampStatus {
    frontends = List.copyOf(frontends);
    stamps = List.copyOf(stamps);
    extentNodes = List.copyOf(extentNodes);
    extents = List.copyOf(extents);
    partitions = List.copyOf(partitions);
  }

  /** One front-end; {@code up}: its server runs and takes the VIP's connections (the harness did not kill it). */
  public record FrontendStatus(FrontendNodeId id, boolean up) {}

  /**
   * One extent node.
   *
   * @param up the node's process answers (the harness did not kill it)
   * @param alive the stream manager hears its heartbeats
   * @param extents extent replicas the stream manager places on it
   * @param bytes bytes of those replicas
   */
  public record ExtentNodeStatus(ExtentNodeId id, RackId rack, Endpoint endpoint, boolean up,
      boolean alive, int extents, long bytes) {}

  /** One extent: its stream, state, length (sealed length, or 0 while open) and replicas. */
  public record ExtentStatus(ExtentId id, StreamId stream, boolean sealed, long length,
      List<ExtentNodeId> replicas) {
    public ExtentStatus {
      replicas = List.copyOf(replicas);
    }
  }

  /** One range partition and the partition server serving it (empty while unassigned). */
  /** A range partition, its server, and the load its server last reported (absent until loaded). */
  public record PartitionStatus(PartitionId id, KeyRange range, Optional<PartitionServerId> server,
      Optional<RangeLoad> load) {}

  /**
   * The share of the bytes in the sealed extents of the ranges' blob streams that no index entry
   * points at, as the ranges' last garbage-collection passes found (0 before any pass).
   */
  public double blobGarbageRatio() {
    long sealed = 0;
    long live = 0;
    for (PartitionStatus p : partitions) {
      if (p.load().isPresent()) {
        sealed += p.load().get().blobSealedBytes();
        live += Math.min(p.load().get().blobLiveBytes(), p.load().get().blobSealedBytes());
      }
    }
    return sealed == 0 ? 0 : 1 - (double) live / sealed;
  }

  /** The racks, in order. */
  public List<RackId> racks() {
    return extentNodes.stream().map(ExtentNodeStatus::rack).collect(Collectors.toCollection(TreeSet::new))
        .stream().toList();
  }

  public long openExtents() {
    return extents.stream().filter(e -> !e.sealed()).count();
  }

  public long sealedExtents() {
    return extents.stream().filter(ExtentStatus::sealed).count();
  }

  public long extentNodesUp() {
    return extentNodes.stream().filter(ExtentNodeStatus::up).count();
  }

  /**
   * Extents that do not have {@link #REPLICAS} replicas on nodes that are up, in as many
   * distinct racks, as the harness sees it (independently of the stream manager's count).
   */
  public List<ExtentStatus> extentsNeedingRepair() {
    Map<ExtentNodeId, ExtentNodeStatus> nodes = extentNodes.stream()
        .collect(Collectors.toMap(ExtentNodeStatus::id, Function.identity()));
    return extents.stream().filter(e -> !healthy(e, nodes)).toList();
  }

  private static boolean healthy(ExtentStatus extent, Map<ExtentNodeId, ExtentNodeStatus> nodes) {
    Set<RackId> racks = new HashSet<>();
    for (ExtentNodeId replica : extent.replicas()) {
      ExtentNodeStatus node = nodes.get(replica);
      if (node == null || !node.up()) {
        return false;
      }
      racks.add(node.rack());
    }
    return extent.replicas().size() == REPLICAS && racks.size() == REPLICAS;
  }
}
