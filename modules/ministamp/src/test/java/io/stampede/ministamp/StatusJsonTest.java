package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.stampede.ministamp.StampStatus.ExtentNodeStatus;
import io.stampede.ministamp.StampStatus.ExtentStatus;
import io.stampede.ministamp.StampStatus.FrontendStatus;
import io.stampede.ministamp.StampStatus.PartitionStatus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
  static ExtentNodeStatus node(int rack, int n, boolean up) {
    return new ExtentNodeStatus(ExtentNodeId.of("r" + rack + "n" + n), RackId.of("r" + rack),
        Endpoint.of("127.0." + rack + "." + n, 9200), up, up, 3 * rack, 1000L * n);
  }

  static ExtentStatus extent(String id, boolean sealed, String... replicas) {
    return new ExtentStatus(ExtentId.of(id), StreamId.of("ps1.log"), sealed, sealed ? 2_000_000 : 0,
        List.of(replicas).stream().map(ExtentNodeId::of).toList());
  }

  static StampStatus status() {
    List<ExtentNodeStatus> nodes = new ArrayList<>();
    for (int r = 1; r <= 4; r++) {
      nodes.add(node(r, 1, r != 2));
      nodes.add(node(r, 2, r != 2));
    }
    return new StampStatus(StampId.of("stamp1"), Endpoint.of("127.0.0.1", 9000),
        List.of(new FrontendStatus(FrontendNodeId.of("fe1"), true), new FrontendStatus(FrontendNodeId.of("fe2"), false)),
        List.of(new StampSummary(StampId.of("stamp1"), Endpoint.of("127.0.0.100", 9000), 8L << 30, 1L << 30,
            1_000_000, 3)),
        nodes,
        List.of(extent("e1", true, "r1n1", "r3n1", "r4n2"), extent("e2", true, "r1n1", "r2n1", "r4n2"),
            extent("e3", false, "r1n2", "r3n2", "r3n1"), extent("e4", true, "r1n1", "r3n1")),
        2,
        List.of(new PartitionStatus(PartitionId.of("p1"), KeyRange.of("", "m"), Optional.of(PartitionServerId.of("ps1")),
            Optional.of(new RangeLoad(PartitionId.of("p1"), true, 12, 3400, 1.5, Optional.of("b/k")))),
            new PartitionStatus(PartitionId.of("p2"), KeyRange.of("m", ""), Optional.empty(), Optional.empty())),
        Optional.of(ManagerPeerId.of("pm2")), Optional.of(ManagerPeerId.of("sm3")));
  }

  @Test
  void roundTripsThroughJson() {
    StampStatus s = status();
    JsonObject json = new JsonObject(StatusJson.toJson(s).encode());
    assertThat(StatusJson.fromJson(json)).isEqualTo(s);
    assertThat(json.getLong("openExtents")).isEqualTo(1);
    assertThat(json.getLong("sealedExtents")).isEqualTo(3);
  }

  @Test
  void healthNeedsThreeRunningReplicasOnThreeRacks() {
    // e2 has a replica on a down rack, e3 two replicas in r3, e4 only two replicas.
    assertThat(status().extentsNeedingRepair()).extracting(e -> e.id().value()).containsExactly("e2", "e3", "e4");
  }

  @Test
  void rendersReadableTables() {
    String table = StatusTable.render(status(), 1_002_500);
    assertThat(table).containsPattern("stamp1 +127\\.0\\.0\\.100:9000 +12\\.5% +8\\.00 GiB +3 +2\\.5 s ago");
    assertThat(table).contains("stamp stamp1: 4 racks, 6 of 8 extent nodes up",
        "1 open, 3 sealed, 2 under-replicated", "3 without 3 replicas",
        "partition manager leader: pm2");
    assertThat(table).containsPattern("p1 +\"\" +\"m\" +ps1 +12 +3\\.3 KiB +1\\.5");
    assertThat(table).containsPattern("p2 +\"m\" +\\+inf +- \\(moving\\) +- +- +-");
    assertThat(table).containsPattern("FRONT-END +PROCESS \\(VIP 127\\.0\\.0\\.1:9000\\)");
    assertThat(table).containsPattern("fe2 +DOWN");
    assertThat(table).containsPattern("r2 +r2n1 +127\\.0\\.2\\.1:9200 +DOWN +dead");
    assertThat(table).containsPattern("ps1\\.log +3 +5\\.7 MiB +e3 +r1n2,r3n2,r3n1");
    assertThat(StatusTable.bytes(1536)).isEqualTo("1.5 KiB");
  }
}
