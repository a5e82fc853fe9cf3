package io.stampede.partition.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PartitionAssignmentTest {
  private static final long LEASE = 10_000;
  private static final long GRACE = 2_000;

  private static PartitionServerInfo server(String id) {
    return PartitionServerInfo.of(PartitionServerId.of(id), Endpoint.of("127.0.0.1", 7000 + id.hashCode() % 100));
  }

  private static Map<String, Long> countByServer(PartitionMap map) {
    return map.entries().stream().filter(e -> e.server() != null)
        .collect(Collectors.groupingBy(e -> e.server().value(), Collectors.counting()));
  }

  @Test
  void splitPointsTileTheKeySpaceOnce() {
    PartitionAssignment a = new PartitionAssignment();
    assertTrue(a.initialize(List.of("p", "h", "p", "")));
    assertFalse(a.initialize(List.of("x")));
    List<KeyRange> ranges = a.map().entries().stream().map(PartitionEntry::range).toList();
    assertEquals(List.of(KeyRange.of("", "h"), KeyRange.of("h", "p"), KeyRange.of("p", "")), ranges);
    assertEquals("p1", a.map().entryFor("hello/x").orElseThrow().id().value());
  }

  @Test
  void assignsOnlyAfterGraceAndBalances() {
    PartitionAssignment a = new PartitionAssignment();
    a.initialize(List.of("b", "d", "f", "h", "j"));
    a.heartbeat(server("s1"), 1_000, LEASE);
    assertFalse(a.needsAssignment(2_000, GRACE));
    assertEquals(0, a.assignOrphans(2_000, GRACE));
    a.heartbeat(server("s2"), 2_500, LEASE);
    a.heartbeat(server("s3"), 2_900, LEASE);
    assertTrue(a.needsAssignment(3_000, GRACE));
    assertEquals(6, a.assignOrphans(3_000, GRACE));
    assertEquals(Map.of("s1", 2L, "s2", 2L, "s3", 2L), countByServer(a.map()));
    assertFalse(a.needsAssignment(3_100, GRACE));
  }

  @Test
  void rangesOfAnExpiredServerMoveToLiveOnesAndStayWhileRenewed() {
    PartitionAssignment a = new PartitionAssignment();
    a.initialize(List.of("h", "p"));
    a.heartbeat(server("s1"), 0, LEASE);
    a.heartbeat(server("s2"), 0, LEASE);
    a.assignOrphans(GRACE, GRACE);
    Map<String, Long> before = countByServer(a.map());
    assertEquals(2L, before.get("s1"));
    for (long t = 1_000; t <= 30_000; t += 1_000) {
      a.heartbeat(server("s1"), t, LEASE);
      a.heartbeat(server("s2"), t, LEASE);
      assertEquals(0, a.assignOrphans(t, GRACE));
    }
    for (long t = 31_000; t <= 45_000; t += 1_000) {
      a.heartbeat(server("s2"), t, LEASE);
      a.assignOrphans(t, GRACE);
    }
    assertEquals(Map.of("s2", 3L), countByServer(a.map()));
  }

  @Test
  void onlyAssignsToLiveServers() {
    PartitionAssignment a = new PartitionAssignment();
    a.initialize(List.of());
    a.heartbeat(server("s1"), 0, LEASE);
    assertEquals(0, a.assignOrphans(LEASE + GRACE, GRACE));
    assertTrue(a.map().entries().get(0).owner().isEmpty());
  }

  @Test
  void restartKeepsAssignmentsAndReturningServersGetTheirRangesBack() {
    PartitionAssignment a = new PartitionAssignment();
    a.initialize(List.of("h", "p"));
    a.heartbeat(server("s1"), 0, LEASE);
    a.heartbeat(server("s2"), 0, LEASE);
    a.assignOrphans(GRACE, GRACE);
    PartitionMap before = a.map();

    PartitionAssignment restarted = AssignmentCodec.fromMsg(AssignmentCodec.toMsg(a));
    assertEquals(before, restarted.map());
    // Long after every lease ran out, both servers come back, s2 first; within the grace both register.
    long t = 100_000;
    restarted.heartbeat(server("s2"), t, LEASE);
    assertEquals(0, restarted.assignOrphans(t + 500, GRACE));
    restarted.heartbeat(server("s1"), t + 1_000, LEASE);
    restarted.heartbeat(server("s2"), t + 1_000, LEASE);
    assertEquals(0, restarted.assignOrphans(t + GRACE, GRACE));
    assertEquals(before.entries(), restarted.map().entries());
  }

  @Test
  void versionChangesWithTheMapButNotWithLeaseRenewals() {
    PartitionAssignment a = new PartitionAssignment();
    a.initialize(List.of("h"));
    a.heartbeat(server("s1"), 0, LEASE);
    long v = a.version();
    a.heartbeat(server("s1"), 1_000, LEASE);
    assertEquals(v, a.version());
    a.assignOrphans(GRACE, GRACE);
    assertTrue(a.version() > v);
  }
}
