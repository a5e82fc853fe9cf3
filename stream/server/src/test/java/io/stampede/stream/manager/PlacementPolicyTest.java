package io.stampede.stream.manager;

import static io.stampede.stream.manager.PlacementPolicy.FREE_BYTES_GRANULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.manager.PlacementPolicy.Candidate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {
  private static ExtentNodeInfo node(String id, String rack) {
    return new ExtentNodeInfo(ExtentNodeId.of(id), RackId.of(rack), Endpoint.of("127.0.0.1", 1));
  }

  private static List<ExtentNodeInfo> nodes(int racks, int perRack) {
    List<ExtentNodeInfo> nodes = new ArrayList<>();
    for (int r = 1; r <= racks; r++) {
      for (int n = 1; n <= perRack; n++) {
        nodes.add(node("r" + r + "n" + n, "r" + r));
      }
    }
    return nodes;
  }

  private static List<Candidate> candidates(List<ExtentNodeInfo> nodes,
      Map<ExtentNodeId, Integer> counts, Map<ExtentNodeId, Long> free) {
    return nodes.stream().map(n -> new Candidate(n, free.getOrDefault(n.id(), 0L),
        counts.getOrDefault(n.id(), 0))).toList();
  }

  private static List<String> ids(List<ExtentNodeInfo> nodes) {
    return nodes.stream().map(n -> n.id().value()).toList();
  }

  @Test
  void choosesThreeDistinctRacksAndBalancesLoadWhenFreeSpaceIsEven() {
    PlacementPolicy policy = new PlacementPolicy(new Random(1));
    List<ExtentNodeInfo> nodes = nodes(4, 2);
    Map<ExtentNodeId, Integer> counts = new HashMap<>();
    Map<ExtentNodeId, Long> free = new HashMap<>();
    // free space within one granule counts as even
    nodes.forEach(n -> free.put(n.id(), 10 * FREE_BYTES_GRANULE + Math.abs(n.id().hashCode() % 1000)));
    for (int i = 0; i < 80; i++) {
      List<ExtentNodeInfo> chosen = policy.choose(candidates(nodes, counts, free));
      assertEquals(3, chosen.size());
      assertEquals(3, chosen.stream().map(ExtentNodeInfo::rack).collect(Collectors.toSet()).size());
      chosen.forEach(n -> counts.merge(n.id(), 1, Integer::sum));
    }
    // 240 replicas over 8 nodes: a balanced policy puts 30 on each
    nodes.forEach(n -> assertEquals(30, counts.get(n.id()), n.id().value()));
  }

  @Test
  void prefersTheNodesWithMostFreeSpaceOverFewerReplicas() {
    List<ExtentNodeInfo> nodes = nodes(4, 2);
    Map<ExtentNodeId, Long> free = new HashMap<>();
    Map<ExtentNodeId, Integer> counts = new HashMap<>();
    nodes.forEach(n -> free.put(n.id(), 2 * FREE_BYTES_GRANULE));
    nodes.forEach(n -> counts.put(n.id(), 0));
    free.put(ExtentNodeId.of("r3n2"), 50 * FREE_BYTES_GRANULE);
    free.put(ExtentNodeId.of("r1n1"), 40 * FREE_BYTES_GRANULE);
    free.put(ExtentNodeId.of("r1n2"), 45 * FREE_BYTES_GRANULE); // same rack as r1n1: one per rack
    free.put(ExtentNodeId.of("r4n1"), 30 * FREE_BYTES_GRANULE);
    counts.put(ExtentNodeId.of("r4n1"), 100);
    List<ExtentNodeInfo> chosen = new PlacementPolicy(new Random(3)).choose(candidates(nodes, counts, free));
    assertEquals(List.of("r3n2", "r1n2", "r4n1"), ids(chosen));
  }

  @Test
  void amongEvenFreeSpaceTheLeastLoadedComesFirst() {
    List<ExtentNodeInfo> nodes = nodes(3, 2);
    Map<ExtentNodeId, Integer> counts = new HashMap<>();
    nodes.forEach(n -> counts.put(n.id(), 5));
    counts.put(ExtentNodeId.of("r2n2"), 0);
    counts.put(ExtentNodeId.of("r1n1"), 1);
    counts.put(ExtentNodeId.of("r3n2"), 2);
    List<ExtentNodeInfo> chosen =
        new PlacementPolicy(new Random(3)).choose(candidates(nodes, counts, Map.of()));
    assertEquals(List.of("r2n2", "r1n1", "r3n2"), ids(chosen));
  }

  @Test
  void aRepairTargetAvoidsRacksHoldingACopy() {
    List<ExtentNodeInfo> nodes = nodes(4, 2);
    Map<ExtentNodeId, Long> free = new HashMap<>();
    nodes.forEach(n -> free.put(n.id(), FREE_BYTES_GRANULE));
    free.put(ExtentNodeId.of("r1n1"), 99 * FREE_BYTES_GRANULE);
    free.put(ExtentNodeId.of("r3n2"), 9 * FREE_BYTES_GRANULE);
    PlacementPolicy policy = new PlacementPolicy(new Random(5));
    Optional<ExtentNodeInfo> target = policy.chooseOne(candidates(nodes, Map.of(), free),
        Set.of(RackId.of("r1"), RackId.of("r2")));
    assertEquals(Optional.of("r3n2"), target.map(n -> n.id().value()));
    assertTrue(policy.chooseOne(candidates(nodes, Map.of(), free), Set.of(RackId.of("r1"),
        RackId.of("r2"), RackId.of("r3"), RackId.of("r4"))).isEmpty());
  }

  private static List<ExtentNodeInfo> reversed(List<ExtentNodeInfo> nodes) {
    List<ExtentNodeInfo> r = new ArrayList<>(nodes);
    Collections.reverse(r);
    return r;
  }

  @Test
  void sameSeedSamePlacement() {
    List<ExtentNodeInfo> nodes = nodes(5, 3);
    assertEquals(new PlacementPolicy(new Random(9)).choose(candidates(nodes, Map.of(), Map.of())),
        new PlacementPolicy(new Random(9)).choose(candidates(reversed(nodes), Map.of(), Map.of())));
  }

  @Test
  void failsWithFewerThanThreeRacks() {
    List<Candidate> candidates = candidates(nodes(2, 3), Map.of(), Map.of());
    StreamException e = assertThrows(StreamException.class,
        () -> new PlacementPolicy(new Random(1)).choose(candidates));
    assertEquals(StreamErrorCode.NO_PLACEMENT, e.code());
  }
}
