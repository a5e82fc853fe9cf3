package io.stampede.stream.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

  @Test
  void choosesThreeDistinctRacksAndBalancesLoad() {
    PlacementPolicy policy = new PlacementPolicy(new Random(1));
    List<ExtentNodeInfo> nodes = nodes(4, 2);
    Map<ExtentNodeId, Integer> counts = new HashMap<>();
    for (int i = 0; i < 80; i++) {
      List<ExtentNodeInfo> chosen = policy.choose(nodes, counts);
      assertEquals(3, chosen.size());
      assertEquals(3, chosen.stream().map(ExtentNodeInfo::rack).collect(Collectors.toSet()).size());
      chosen.forEach(n -> counts.merge(n.id(), 1, Integer::sum));
    }
    // 240 replicas over 8 nodes: a balanced policy puts 30 on each
    nodes.forEach(n -> assertEquals(30, counts.get(n.id()), n.id().value()));
  }

  @Test
  void prefersTheLeastLoadedNodeOfEachRackAsPrimaryFirst() {
    List<ExtentNodeInfo> nodes = nodes(3, 2);
    Map<ExtentNodeId, Integer> counts = new HashMap<>();
    nodes.forEach(n -> counts.put(n.id(), 5));
    counts.put(ExtentNodeId.of("r2n2"), 0);
    counts.put(ExtentNodeId.of("r1n1"), 1);
    counts.put(ExtentNodeId.of("r3n2"), 2);
    List<ExtentNodeInfo> chosen = new PlacementPolicy(new Random(3)).choose(nodes, counts);
    assertEquals(List.of("r2n2", "r1n1", "r3n2"), chosen.stream().map(n -> n.id().value()).toList());
  }

  private static List<ExtentNodeInfo> reversed(List<ExtentNodeInfo> nodes) {
    List<ExtentNodeInfo> r = new ArrayList<>(nodes);
    Collections.reverse(r);
    return r;
  }

  @Test
  void sameSeedSamePlacement() {
    List<ExtentNodeInfo> nodes = nodes(5, 3);
    assertEquals(new PlacementPolicy(new Random(9)).choose(nodes, Map.of()),
        new PlacementPolicy(new Random(9)).choose(reversed(nodes), Map.of()));
  }

  @Test
  void failsWithFewerThanThreeRacks() {
    List<ExtentNodeInfo> nodes = nodes(2, 3);
    StreamException e = assertThrows(StreamException.class,
        () -> new PlacementPolicy(new Random(1)).choose(nodes, Map.of()));
    assertEquals(StreamErrorCode.NO_PLACEMENT, e.code());
  }
}
