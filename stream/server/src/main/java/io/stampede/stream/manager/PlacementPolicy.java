package io.stampede.stream.manager;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Chooses the extent nodes of a new extent: three nodes in three distinct racks (fault domains),
 * preferring nodes that hold fewer extents; ties are broken by a seeded random, so a seed
 * reproduces a placement. The least loaded choice comes first and becomes the primary.
 */
public final class PlacementPolicy {
  public static final int REPLICAS = 3;

  private final Random random;

  public PlacementPolicy(Random random) {
    this.random = random;
  }

  /** Fails with NO_PLACEMENT when fewer than three racks have a candidate node. */
  public List<ExtentNodeInfo> choose(Collection<ExtentNodeInfo> candidates,
      Map<ExtentNodeId, Integer> extentCounts) {
    List<ExtentNodeInfo> order = new ArrayList<>(candidates);
    order.sort(Comparator.comparing(ExtentNodeInfo::id));
    Collections.shuffle(order, random);
    order.sort(Comparator.comparingInt(n -> extentCounts.getOrDefault(n.id(), 0)));
    Map<RackId, ExtentNodeInfo> leastLoadedPerRack = new LinkedHashMap<>();
    order.forEach(n -> leastLoadedPerRack.putIfAbsent(n.rack(), n));
    if (leastLoadedPerRack.size() < REPLICAS) {
      throw new StreamException(StreamErrorCode.NO_PLACEMENT, "need extent nodes in " + REPLICAS
          + " racks, have " + leastLoadedPerRack.keySet());
    }
    return List.copyOf(new ArrayList<>(leastLoadedPerRack.values()).subList(0, REPLICAS));
  }
}
