package io.stampede.partition.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.StampId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PartitionManagerMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicBoolean leader = new AtomicBoolean();
  private final AtomicReference<PartitionManagerMetrics.Reading> reading =
      new AtomicReference<>(new PartitionManagerMetrics.Reading(0, 0, 0, 0, 0, 0, 0, 0, 0));

  private double gauge(String name, String node) {
    return registry.get(PartitionManagerMetrics.PREFIX + name).tags("stamp", "s1", "node", node).gauge().value();
  }

  private double counter(String name, String node) {
    return registry.get(PartitionManagerMetrics.PREFIX + name).tags("stamp", "s1", "node", node).functionCounter().count();
  }

  @Test
  void metersFollowThePeerAndAreTaggedByNode() {
    PartitionManagerMetrics m1 = new PartitionManagerMetrics(registry, StampId.of("s1"), ManagerPeerId.of("m1"),
        leader::get, reading::get);
    PartitionManagerMetrics m2 = new PartitionManagerMetrics(registry, StampId.of("s1"), ManagerPeerId.of("m2"),
        () -> false, () -> new PartitionManagerMetrics.Reading(1, 1, 1, 1, 1, 1, 1, 1, 1));
    assertEquals(0, gauge("leader", "m1"));
    leader.set(true);
    reading.set(new PartitionManagerMetrics.Reading(42, 7, 3, 2, 5, 4, 6, 1, 2));
    assertEquals(1, gauge("leader", "m1"));
    assertEquals(42, counter("commands.applied", "m1"));
    assertEquals(7, gauge("map.version", "m1"));
    assertEquals(3, gauge("ranges", "m1"));
    assertEquals(2, gauge("servers.live", "m1"));
    assertEquals(5, counter("assignments", "m1"));
    assertEquals(4, counter("leader.redirects", "m1"));
    assertEquals(0, gauge("leader", "m2"));
    assertEquals(1, gauge("ranges", "m2"));
    m1.close();
    m2.close();
  }

  @Test
  void closeRemovesTheMetersSoARestartRegistersFreshOnes() {
    PartitionManagerMetrics old = new PartitionManagerMetrics(registry, StampId.of("s1"), ManagerPeerId.of("m1"),
        () -> true, () -> new PartitionManagerMetrics.Reading(1, 1, 1, 1, 1, 1, 1, 1, 1));
    old.close();
    assertNull(registry.find(PartitionManagerMetrics.PREFIX + "leader").gauge());
    PartitionManagerMetrics fresh = new PartitionManagerMetrics(registry, StampId.of("s1"), ManagerPeerId.of("m1"),
        () -> false, () -> new PartitionManagerMetrics.Reading(9, 9, 9, 9, 9, 9, 9, 9, 9));
    assertEquals(0, gauge("leader", "m1"));
    assertEquals(9, gauge("ranges", "m1"));
    fresh.close();
  }
}
