package io.stampede.partition.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionMapTest {
  private static final PartitionServerId S1 = PartitionServerId.of("s1");

  private static PartitionEntry entry(String id, String low, String high, PartitionServerId server) {
    return PartitionEntry.of(PartitionId.of(id), KeyRange.of(low, high), server);
  }

  @Test
  void looksUpTheRangeHoldingAKey() {
    PartitionMap map = new PartitionMap(3,
        List.of(entry("p0", "", "b/h", S1), entry("p1", "b/h", "b/p", null), entry("p2", "b/p", "", S1)),
        Map.of(S1, PartitionServerInfo.of(S1, Endpoint.of("127.0.0.1", 1))));
    assertEquals("p0", map.entryFor("a/z").orElseThrow().id().value());
    assertEquals("p1", map.entryFor("b/h").orElseThrow().id().value());
    assertEquals("p2", map.entryFor("b/\uD83D\uDE00").orElseThrow().id().value());
    assertTrue(map.serverFor("b/i").isEmpty());
    assertEquals(S1, map.serverFor("z").orElseThrow().id());
    assertEquals(2, map.entriesOf(S1).size());
    assertTrue(PartitionMap.empty().entryFor("x").isEmpty());
  }

  @Test
  void refusesGapsOverlapsAndBoundedEnds() {
    assertThrows(IllegalArgumentException.class,
        () -> new PartitionMap(1, List.of(entry("p0", "", "h", null), entry("p1", "i", "", null)), Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new PartitionMap(1, List.of(entry("p0", "", "h", null)), Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new PartitionMap(1, List.of(entry("p0", "a", "", null)), Map.of()));
  }

  @Test
  void queryStartsAtTheLargestLowerBound() {
    assertEquals("b/p", ListObjectsQuery.of("b", "p", "", "", 1).firstIndexKey());
    assertEquals("b/q", ListObjectsQuery.of("b", "p", "", "q", 1).firstIndexKey());
    assertEquals("b/x", new ListObjectsQuery("b", "", "", "q", "b/x", 1).firstIndexKey());
    ListObjectsQuery q = ListObjectsQuery.of("b", "p/", "", "", 1);
    assertTrue(q.mayMatchAtOrAfter("b/a"));
    assertTrue(q.mayMatchAtOrAfter("b/p/x"));
    assertFalse(q.mayMatchAtOrAfter("b/q"));
    assertFalse(q.mayMatchAtOrAfter("c/"));
  }
}
