package io.stampede.raft;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;

/** Turns a {@link RaftGroupConfig} into Ratis' group, properties and retry policy, in one place. */
final class RaftSettings {
  /** Snapshot files kept besides the newest; older ones are deleted after each snapshot. */
  static final int SNAPSHOTS_RETAINED = 2;
  /** Pause between a client's attempts while the group elects a leader. */
  static final Duration RETRY_SLEEP = Duration.ofMillis(100);

  private RaftSettings() {}

  static RaftGroup group(RaftGroupConfig c) {
    List<RaftPeer> peers = c.peers().entrySet().stream()
        .map(e -> RaftPeer.newBuilder().setId(e.getKey().value()).setAddress(e.getValue().toString()).build())
        .toList();
    return RaftGroup.valueOf(RaftGroupId.valueOf(c.groupUuid()), peers);
  }

  static RaftPeerId peerId(RaftGroupConfig c) {
    return RaftPeerId.valueOf(c.self().value());
  }

  /**
   * Storage, listen address, linearizable (ReadIndex) reads, election timeouts, snapshots every
   * {@code snapshotThreshold} entries and on stop, and the log purged up to the latest snapshot.
   */
  static RaftProperties server(RaftGroupConfig c) {
    RaftProperties props = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(props, List.of(c.storageDir().toFile()));
    GrpcConfigKeys.Server.setHost(props, c.raftEndpoint().host());
    GrpcConfigKeys.Server.setPort(props, c.raftEndpoint().port());
    RaftServerConfigKeys.Read.setOption(props, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Rpc.setTimeoutMin(props, duration(c.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(props, duration(c.electionTimeoutMax()));
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, c.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(props, true);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, SNAPSHOTS_RETAINED);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
    RaftServerConfigKeys.Log.setPurgeGap(props, (int) Math.min(Integer.MAX_VALUE, c.snapshotThreshold()));
    return props;
  }

  /** One attempt may take half the request timeout, so a call can still reach a new leader in time. */
  static RaftProperties client(RaftGroupConfig c) {
    RaftProperties props = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(props, duration(c.requestTimeout().dividedBy(2)));
    return props;
  }

  /** Reads and writes retry every {@link #RETRY_SLEEP} until {@code requestTimeout} has passed. */
  static RetryPolicy retryPolicy(RaftGroupConfig c) {
    RetryPolicy retry = RetryPolicies.retryForeverWithSleep(duration(RETRY_SLEEP));
    TimeDuration timeout = duration(c.requestTimeout());
    return RequestTypeDependentRetryPolicy.newBuilder()
        .setRetryPolicy(TypeCase.WRITE, retry).setTimeout(TypeCase.WRITE, timeout)
        .setRetryPolicy(TypeCase.READ, retry).setTimeout(TypeCase.READ, timeout)
        .build();
  }

  static TimeDuration duration(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
