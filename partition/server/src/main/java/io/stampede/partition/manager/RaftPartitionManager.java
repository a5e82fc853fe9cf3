package io.stampede.partition.manager;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.GetPartitionMapRequest;
import io.stampede.proto.partition.ManagerCommandMsg;
import io.stampede.proto.partition.ManagerQueryMsg;
import io.stampede.proto.partition.PartitionMapMsg;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * {@link PartitionManagerApi} of one manager peer: commands go through Raft (the Ratis client
 * finds the leader), map reads are linearizable read-only requests.
 */
final class RaftPartitionManager implements PartitionManagerApi {
  private final RaftClient client;
  private final Clock clock;
  private final Duration leaseDuration;
  private final Context context;

  RaftPartitionManager(RaftClient client, Clock clock, Duration leaseDuration, Context context) {
    this.client = client;
    this.clock = clock;
    this.leaseDuration = leaseDuration;
    this.context = context;
  }

  @Override
  public Future<PartitionMap> getPartitionMap() {
    ManagerQueryMsg query = ManagerQueryMsg.newBuilder().setGetMap(GetPartitionMapRequest.getDefaultInstance()).build();
    return call(client.async().sendReadOnly(message(query)));
  }

  @Override
  public Future<PartitionMap> heartbeat(PartitionServerInfo server) {
    return submit(ManagerCommandMsg.newBuilder().setHeartbeat(ManagerCommandMsg.HeartbeatCmd.newBuilder()
        .setServer(PartitionProtos.toMsg(server))
        .setNowMs(clock.millis())
        .setLeaseMs(leaseDuration.toMillis())).build());
  }

  /** Replicates one command; completes with the map after it was applied. */
  Future<PartitionMap> submit(ManagerCommandMsg command) {
    return call(client.async().send(message(command)));
  }

  private Future<PartitionMap> call(CompletableFuture<RaftClientReply> reply) {
    return Future.fromCompletionStage(reply, context).compose(r -> {
      if (!r.isSuccess()) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.UNAVAILABLE,
            "partition manager: " + r.getException(), r.getException()));
      }
      try {
        return Future.succeededFuture(PartitionProtos.fromMsg(
            PartitionMapMsg.parseFrom(r.getMessage().getContent().toByteArray())));
      } catch (InvalidProtocolBufferException e) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL, "bad map reply", e));
      }
    }).recover(t -> Future.failedFuture(t instanceof PartitionException ? t
        : new PartitionException(PartitionErrorCode.UNAVAILABLE, "partition manager: " + t, t)));
  }

  private static Message message(MessageLite m) {
    return Message.valueOf(ByteString.copyFrom(m.toByteArray()));
  }
}
