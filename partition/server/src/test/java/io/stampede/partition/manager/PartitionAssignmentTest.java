package io.stampede.partition.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.ServerReport;
import io.stampede.common.id.PartitionId;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PartitionAssignmentTest {
  private static final long LEASE = 10_000;
  private static final long GRACE = 2_000;

  private static ServerReport server(String id) {
    return ServerReport.empty(info(id));
  }

  private static PartitionServerInfo info(String id) {
    return PartitionServerInfo.of(PartitionServerId.of(id), Endpoint.of("127.0.0.1", 7000 + id.hashCode() % 100));
  }

  /** What {@code id} reports after applying the current map: its assigned ranges, loaded, plus {@code extra} still held. */
  private static ServerReport holding(PartitionAssignment a, String id, List<String> extra) {
    List<RangeLoad> held = new java.util.ArrayList<>();
    a.map().entriesOf(PartitionServerId.of(id)).forEach(e ->
        held.add(new RangeLoad(e.id(), true, 10, 100, 1, Optional.of(e.range().low() + "c"))));
    extra.forEach(x -> held.add(RangeLoad.notLoaded(PartitionId.of(x))));
    return new ServerReport(info(id), a.version(), held);
  }

  private static String ids(PartitionAssignment a) {
    return a.map().entries().stream().map(e -> e.id().value() + "@" + (e.server() == null ? "-" : e.server().value()))
        .collect(Collectors.joining(" "));
  }

  /** Two servers, ranges [,h) [h,p) [p,) assigned and loaded at t = GRACE. */
  private static PartitionAssignment settledPair() {
    PartitionAssignment a = new PartitionAssignment();
    a.initialize(List.of("h", "p"));
    a.heartbeat(server("s1"), 0, LEASE);
    a.heartbeat(server("s2"), 0, LEASE);
    a.assignOrphans(GRACE, GRACE);
    a.heartbeat(holding(a, "s1", List.of()), GRACE, LEASE);
    a.heartbeat(holding(a, "s2", List.of()), GRACE, LEASE);
    assertTrue(a.settled(GRACE));
    return a;
  }

  @Test
  void splitHalvesWaitUntilTheOldRangeIsReleasedThenGoToItsServer() {
    PartitionAssignment a = settledPair();
    long t = GRACE + 100;
    List<PartitionEntry> halves = a.split(PartitionId.of("p0"), Optional.empty(), t);
    assertEquals(KeyRange.of("", "c"), halves.get(0).range());
    assertEquals(KeyRange.of("c", "h"), halves.get(1).range());
    assertEquals(List.of(PartitionId.of("p0")), halves.get(0).sources());
    assertEquals("p3@- p4@- p1@s2 p2@s1", ids(a));
    // s1 has not applied the split yet (stale report): nothing assigned.
    assertEquals(0, a.assignOrphans(t, GRACE));
    // s1 applied it but still closes p1: still nothing.
    a.heartbeat(holding(a, "s1", List.of("p0")), t + 500, LEASE);
    assertEquals(0, a.assignOrphans(t + 500, GRACE));
    // p1 closed; s2 must also have seen this map version.
    a.heartbeat(holding(a, "s1", List.of()), t + 1_000, LEASE);
    assertEquals(0, a.assignOrphans(t + 1_000, GRACE));
    a.heartbeat(holding(a, "s2", List.of()), t + 1_000, LEASE);
    assertEquals(2, a.assignOrphans(t + 1_000, GRACE));
    assertEquals("p3@s1 p4@s1 p1@s2 p2@s1", ids(a));
    assertTrue(a.pending().isEmpty());
  }

  /** What {@code id} reports: its assigned ranges loaded, those of {@code own} pointing only into their own blob streams. */
  private static ServerReport gcDone(PartitionAssignment a, String id, List<String> own) {
    List<RangeLoad> held = new java.util.ArrayList<>();
    a.map().entriesOf(PartitionServerId.of(id)).forEach(e -> held.add(new RangeLoad(e.id(), true, 10, 100, 1,
        Optional.of(e.range().low() + "c"), 0, 0, own.contains(e.id().value()))));
    return new ServerReport(info(id), a.version(), held);
  }

  @Test
  void retiredRangesAreKeptUntilEveryRangeBornOfThemNeedsThemNoMore() {
    PartitionAssignment a = settledPair();
    long t = GRACE + 100;
    a.split(PartitionId.of("p0"), Optional.of("d"), t);            // p0 -> p3 [,d) p4 [d,h)
    a.heartbeat(holding(a, "s1", List.of()), t, LEASE);
    a.heartbeat(holding(a, "s2", List.of()), t, LEASE);
    a.assignOrphans(t, GRACE);
    a.heartbeat(holding(a, "s1", List.of()), t, LEASE);
    a.heartbeat(holding(a, "s2", List.of()), t, LEASE);
    assertEquals(Map.of(PartitionId.of("p0"), java.util.Set.of(PartitionId.of("p3"), PartitionId.of("p4"))),
        a.retired());
    a.split(PartitionId.of("p3"), Optional.of("b"), t);            // p3 -> p5, p6: they hold p0 and p3 now
    assertEquals(java.util.Set.of(PartitionId.of("p4"), PartitionId.of("p5"), PartitionId.of("p6")),
        a.retired().get(PartitionId.of("p0")));
    assertEquals(java.util.Set.of(PartitionId.of("p5"), PartitionId.of("p6")), a.retired().get(PartitionId.of("p3")));
    a.heartbeat(holding(a, "s1", List.of("p3")), t, LEASE);
    a.heartbeat(holding(a, "s2", List.of()), t, LEASE);
    a.assignOrphans(t, GRACE);
    assertTrue(a.unneededRetired().isEmpty());

    // a report of ranges loaded that still point into their sources' blobs releases nothing
    a.heartbeat(holding(a, "s1", List.of()), t, LEASE);
    a.heartbeat(holding(a, "s2", List.of()), t, LEASE);
    assertEquals(2, a.assignOrphans(t, GRACE));
    a.heartbeat(holding(a, "s1", List.of()), t, LEASE);
    a.heartbeat(holding(a, "s2", List.of()), t, LEASE);
    assertTrue(a.unneededRetired().isEmpty());
    List<String> all = List.of("p1", "p2", "p4", "p5", "p6");
    a.heartbeat(gcDone(a, "s1", all), t, LEASE);
    a.heartbeat(gcDone(a, "s2", all), t, LEASE);
    assertEquals(List.of(PartitionId.of("p0"), PartitionId.of("p3")), a.unneededRetired());

    PartitionAssignment restored = AssignmentCodec.decode(AssignmentCodec.encode(a));
    assertEquals(a.retired(), restored.retired());
    restored.forgetRetired(PartitionId.of("p0"));
    assertEquals(List.of(PartitionId.of("p3")), restored.unneededRetired());
  }

  @Test
  void aDeadServersRangesAreReleasedByLeaseExpiry() {
    PartitionAssignment a = settledPair();
    long t = GRACE + 100;
    a.move(PartitionId.of("p0"), PartitionServerId.of("s2"), t);
    assertTrue(a.map().entries().get(0).owner().isEmpty());
    // s1 never answers again; s2 keeps reporting.
    for (long now = t; now < GRACE + LEASE; now += 1_000) {
      a.heartbeat(holding(a, "s2", List.of()), now, LEASE);
      assertEquals(0, a.assignOrphans(now, GRACE));
    }
    long later = GRACE + LEASE + 1;
    a.heartbeat(holding(a, "s2", List.of()), later, LEASE);
    assertEquals(2, a.assignOrphans(later, GRACE));
    assertEquals(Map.of("s2", 3L), countByServer(a.map()));
  }

  @Test
  void mergeJoinsNeighboursAndMoveRetargets() {
    PartitionAssignment a = settledPair();
    long t = GRACE + 100;
    PartitionEntry merged = a.merge(PartitionId.of("p0"), t);
    assertEquals(KeyRange.of("", "p"), merged.range());
    assertEquals(List.of(PartitionId.of("p0"), PartitionId.of("p1")), merged.sources());
    assertEquals(2, a.map().entries().size());
    a.move(merged.id(), PartitionServerId.of("s2"), t);
    a.heartbeat(holding(a, "s1", List.of()), t + 500, LEASE);
    a.heartbeat(holding(a, "s2", List.of()), t + 500, LEASE);
    assertEquals(1, a.assignOrphans(t + 500, GRACE));
    assertEquals(PartitionServerId.of("s2"), a.map().entries().get(0).server());
  }

  @Test
  void refusesWhatCannotBeDone() {
    PartitionAssignment a = settledPair();
    long t = GRACE + 100;
    long v = a.version();
    assertThrows(IllegalArgumentException.class, () -> a.split(PartitionId.of("p9"), Optional.empty(), t));
    assertThrows(IllegalArgumentException.class, () -> a.split(PartitionId.of("p1"), Optional.of("h"), t));
    assertThrows(IllegalArgumentException.class, () -> a.split(PartitionId.of("p1"), Optional.of("z"), t));
    assertThrows(IllegalArgumentException.class, () -> a.merge(PartitionId.of("p2"), t));
    assertThrows(IllegalArgumentException.class, () -> a.move(PartitionId.of("p0"), PartitionServerId.of("s9"), t));
    assertThrows(IllegalArgumentException.class, () -> a.move(PartitionId.of("p0"), PartitionServerId.of("s1"), t));
    a.split(PartitionId.of("p0"), Optional.of("d"), t);
    // A half not yet loaded cannot be split again.
    assertThrows(IllegalArgumentException.class, () -> a.split(PartitionId.of("p3"), Optional.of("b"), t));
    assertEquals(v + 1, a.version());
    assertEquals(5, a.nextPartitionNumber());
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

  @Test
  void replaceTakesRebuiltRangesUnassignedAndNumbersOnAfterThem() {
    PartitionAssignment a = settledPair();
    long v = a.version();
    a.replace(List.of(new PartitionEntry(PartitionId.of("p7"), KeyRange.of("", "m"), PartitionServerId.of("s1"),
            List.of(PartitionId.of("p0"))),
        new PartitionEntry(PartitionId.of("p8"), KeyRange.of("m", ""), null, List.of(PartitionId.of("p1")))));
    assertEquals("p7@- p8@-", ids(a));
    assertEquals(9, a.nextPartitionNumber());
    assertTrue(a.version() > v);
    assertThrows(IllegalArgumentException.class, () -> a.replace(List.of(
        PartitionEntry.of(PartitionId.of("p9"), KeyRange.of("", "m"), null))));
    assertEquals("p7@- p8@-", ids(a));
  }
}
