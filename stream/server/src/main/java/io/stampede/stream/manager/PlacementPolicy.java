package io.stampede.stream.manager;

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
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Chooses extent nodes for replicas: never two in one rack (fault domain), preferring the nodes
 * with the most free space. Free space is compared in {@link #FREE_BYTES_GRANULE} steps, so nodes
 * with about the same free space are ordered by how many replicas they hold (fewer first), then
 * by a seeded random, so a seed reproduces a placement. The first choice becomes the primary.
 * Callers pass live nodes only.
 */
public final class PlacementPolicy {
  public static final int REPLICAS = 3;
  /** Free space differences below this do not count. */
  public static final long FREE_BYTES_GRANULE = 64L * 1024 * 1024;

  private final Random random;

  /** A live node that may take a replica: its free bytes and how many replicas it holds. */
  public record Candidate(ExtentNodeInfo node, long freeBytes, int replicas) {}

  public PlacementPolicy(Random random) {
    this.random = random;
  }

  /** Three nodes in three racks; fails with NO_PLACEMENT when fewer than three racks have one. */
  public List<ExtentNodeInfo> choose(Collection<Candidate> candidates) {
    Map<RackId, ExtentNodeInfo> bestPerRack = new LinkedHashMap<>();
    ordered(candidates).forEach(c -> bestPerRack.putIfAbsent(c.node().rack(), c.node()));
    if (bestPerRack.size() < REPLICAS) {
      throw new StreamException(StreamErrorCode.NO_PLACEMENT, "need extent nodes in " + REPLICAS
          + " racks, have " + bestPerRack.keySet());
    }
    return List.copyOf(new ArrayList<>(bestPerRack.values()).subList(0, REPLICAS));
  }

  /** The best node outside {@code excludedRacks}, if any (a target for a new replica). */
  public Optional<ExtentNodeInfo> chooseOne(Collection<Candidate> candidates,
      Set<RackId> excludedRacks) {
    return ordered(candidates).stream()
        .filter(c -> !excludedRacks.contains(c.node().rack()))
        .map(Candidate::node)
        .findFirst();
  }

  private List<Candidate> ordered(Collection<Candidate> candidates) {
    List<Candidate> order = new ArrayList<>(candidates);
    order.sort(Comparator.comparing(c -> c.node().id()));
    Collections.shuffle(order, random);
    order.sort(Comparator.comparingLong((Candidate c) -> -(c.freeBytes() / FREE_BYTES_GRANULE))
        .thenComparingInt(Candidate::replicas));
    return order;
  }
}
