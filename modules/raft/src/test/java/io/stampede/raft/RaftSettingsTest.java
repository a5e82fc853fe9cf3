package io.stampede.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.net.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;

class RaftSettingsTest {
  private static final Map<ManagerPeerId, Endpoint> PEERS = Map.of(
      ManagerPeerId.of("m1"), Endpoint.of("127.0.0.1", 7001),
      ManagerPeerId.of("m2"), Endpoint.of("127.0.0.2", 7002),
      ManagerPeerId.of("m3"), Endpoint.of("127.0.0.3", 7003));
  private final RaftGroupConfig config = RaftGroupConfig.defaults("g", ManagerPeerId.of("m2"), PEERS, Path.of("/data/m2"))
      .withElectionTimeout(Duration.ofMillis(200), Duration.ofMillis(450))
      .withTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(1))
      .withSnapshotThreshold(64);

  @Test
  void groupHoldsEveryPeerWithItsAddress() {
    RaftGroup group = RaftSettings.group(config);
    assertEquals(config.groupUuid(), group.getGroupId().getUuid());
    assertEquals(3, group.getPeers().size());
    assertEquals("127.0.0.3:7003", group.getPeer(RaftPeerId.valueOf("m3")).getAddress());
  }

  @Test
  void serverPropertiesFollowTheConfig() {
    RaftProperties p = RaftSettings.server(config);
    assertEquals(List.of(Path.of("/data/m2").toFile()), RaftServerConfigKeys.storageDir(p));
    assertEquals("127.0.0.2", GrpcConfigKeys.Server.host(p));
    assertEquals(7002, GrpcConfigKeys.Server.port(p));
    assertEquals(RaftServerConfigKeys.Read.Option.LINEARIZABLE, RaftServerConfigKeys.Read.option(p));
    assertEquals(200, RaftServerConfigKeys.Rpc.timeoutMin(p).toLong(TimeUnit.MILLISECONDS));
    assertEquals(450, RaftServerConfigKeys.Rpc.timeoutMax(p).toLong(TimeUnit.MILLISECONDS));
    assertTrue(RaftServerConfigKeys.Snapshot.autoTriggerEnabled(p));
    assertTrue(RaftServerConfigKeys.Snapshot.triggerWhenStopEnabled(p));
    assertEquals(64, RaftServerConfigKeys.Snapshot.autoTriggerThreshold(p));
    assertEquals(RaftSettings.SNAPSHOTS_RETAINED, RaftServerConfigKeys.Snapshot.retentionFileNum(p));
    assertTrue(RaftServerConfigKeys.Log.purgeUptoSnapshotIndex(p));
    assertEquals(64, RaftServerConfigKeys.Log.purgeGap(p));
  }

  @Test
  void oneClientAttemptTakesHalfTheRequestTimeout() {
    assertEquals(2000, RaftClientConfigKeys.Rpc.requestTimeout(RaftSettings.client(config)).toLong(TimeUnit.MILLISECONDS));
  }
}
