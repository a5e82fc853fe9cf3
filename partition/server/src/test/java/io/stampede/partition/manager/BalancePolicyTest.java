package io.stampede.partition.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.ServerReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BalancePolicyTest {
  private static final long LEASE = 10_000;
  private static final BalanceConfig CONFIG = new BalanceConfig(true, 1_000, 0, 100, 2, 5, java.time.Duration.ofSeconds(30));

  private static PartitionServerInfo info(String id) {
    return PartitionServerInfo.of(PartitionServerId.of(id), Endpoint.of("127.0.0.1", 7001));
  }

  /** Reports every assigned range loaded with the given keys and rate (by range id; default 500 keys, 10 rps). */
  private static void report(PartitionAssignment a, long now, Map<String, long[]> loads) {
    for (String s : List.of("s1", "s2")) {
      List<RangeLoad> held = new ArrayList<>();
      for (PartitionEntry e : a.map().entriesOf(PartitionServerId.of(s))) {
        long[] l = loads.getOrDefault(e.id().value(), new long[] {500, 10});
        held.add(new RangeLoad(e.id(), true, l[0], 0, l[1], Optional.of(e.range().low() + "k")));
      }
      a.heartbeat(new ServerReport(info(s), a.version(), held), now, LEASE);
    }
  }

  private static PartitionAssignment twoServers(List<String> splits) {
    PartitionAssignment a = new PartitionAssignment();
    a.initialize(splits);
    a.heartbeat(ServerReport.empty(info("s1")), 0, LEASE);
    a.heartbeat(ServerReport.empty(info("s2")), 0, LEASE);
    a.assignOrphans(1, 0);
    return a;
  }

  @Test
  void splitsTheRangeOverAThreshold() {
    PartitionAssignment a = twoServers(List.of("h", "p"));
    report(a, 10, Map.of("p1", new long[] {1_500, 10}));
    assertEquals(Optional.of(new BalancePolicy.Split(PartitionId.of("p1"), "hk")),
        new BalancePolicy(CONFIG).next(a, 10));
    report(a, 20, Map.of("p2", new long[] {10, 150}));
    assertEquals(Optional.of(new BalancePolicy.Split(PartitionId.of("p2"), "pk")),
        new BalancePolicy(CONFIG).next(a, 20));
  }

  @Test
  void mergesColdNeighboursAboveTheLowWatermarkOnly() {
    PartitionAssignment a = twoServers(List.of("h", "p"));
    report(a, 10, Map.of("p0", new long[] {100, 1}, "p1", new long[] {100, 1}));
    assertEquals(Optional.of(new BalancePolicy.Merge(PartitionId.of("p0"))), new BalancePolicy(CONFIG).next(a, 10));
    PartitionAssignment two = twoServers(List.of("h"));
    report(two, 10, Map.of("p0", new long[] {1, 0}, "p1", new long[] {1, 0}));
    assertEquals(Optional.empty(), new BalancePolicy(CONFIG).next(two, 10));
  }

  @Test
  void holdsMergesForAWhileAfterASplit() {
    PartitionAssignment a = twoServers(List.of("h", "p"));
    report(a, 10, Map.of());
    a.split(PartitionId.of("p0"), Optional.of("d"), 1_000);
    report(a, 1_100, Map.of());
    assertEquals(2, a.assignOrphans(1_100, 0));
    report(a, 2_000, Map.of("p3", new long[] {1, 0}, "p4", new long[] {1, 0},
        "p1", new long[] {1, 0}, "p2", new long[] {1, 0}));
    assertTrue(new BalancePolicy(CONFIG).next(a, 2_000).filter(BalancePolicy.Merge.class::isInstance).isEmpty(),
        "no merge within the hold");
    report(a, 31_000, Map.of("p3", new long[] {1, 0}, "p4", new long[] {1, 0},
        "p1", new long[] {1, 0}, "p2", new long[] {1, 0}));
    assertTrue(new BalancePolicy(CONFIG).next(a, 31_000).orElseThrow() instanceof BalancePolicy.Merge);
    PartitionAssignment restored = AssignmentCodec.fromMsg(AssignmentCodec.toMsg(a));
    assertEquals(1_000, restored.lastSplitMs());
  }

  @Test
  void movesFromTheFullestServerAndFromAHotOne() {
    PartitionAssignment a = twoServers(List.of("d", "h", "p"));
    a.assign(PartitionId.of("p1"), PartitionServerId.of("s1"));
    a.assign(PartitionId.of("p3"), PartitionServerId.of("s1"));
    report(a, 10, Map.of());
    Optional<BalancePolicy.Step> step = new BalancePolicy(CONFIG).next(a, 10);
    assertTrue(step.orElseThrow() instanceof BalancePolicy.Move m && m.to().equals(PartitionServerId.of("s2")), "" + step);

    PartitionAssignment hot = twoServers(List.of("d", "h", "p"));
    report(hot, 10, Map.of("p0", new long[] {500, 60}, "p2", new long[] {500, 50}));
    assertEquals(Optional.of(new BalancePolicy.Move(PartitionId.of("p2"), PartitionServerId.of("s2"))),
        new BalancePolicy(CONFIG).next(hot, 10));
  }

  @Test
  void doesNothingWhileUnsettledOrDisabled() {
    PartitionAssignment a = twoServers(List.of("h", "p"));
    assertEquals(Optional.empty(), new BalancePolicy(CONFIG).next(a, 10));
    report(a, 10, Map.of("p1", new long[] {5_000, 10}));
    assertEquals(Optional.empty(), new BalancePolicy(BalanceConfig.off()).next(a, 10));
  }
}
