package io.stampede.partition.manager;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.ServerReport;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import java.util.List;
import java.util.Optional;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.grpc.PartitionProtos;
import io.stampede.proto.partition.GetPartitionMapRequest;
import io.stampede.proto.partition.ManagerQueryMsg;
import io.stampede.proto.partition.PartitionMapMsg;
import io.stampede.proto.storage.ManagerCommandMsg;
import io.stampede.raft.RaftCallException;
import io.stampede.raft.ReplicatedClient;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link PartitionManagerApi} of one manager peer: commands go through Raft and map reads are
 * linearizable queries, both sent by the peer's {@link ReplicatedClient} straight to the leader it
 * remembers, so a request reaching a follower costs one forward, not a retry loop.
 */
final class RaftPartitionManager implements PartitionManagerApi {
  private static final byte[] GET_MAP = ManagerQueryMsg.newBuilder()
      .setGetMap(GetPartitionMapRequest.getDefaultInstance()).build().toByteArray();

  private final ReplicatedClient client;
  private final Clock clock;
  private final Duration leaseDuration;

  RaftPartitionManager(ReplicatedClient client, Clock clock, Duration leaseDuration) {
    this.client = client;
    this.clock = clock;
    this.leaseDuration = leaseDuration;
  }

  @Override
  public Future<PartitionMap> getPartitionMap() {
    return map(client.query(GET_MAP));
  }

  @Override
  public Future<PartitionMap> heartbeat(ServerReport report) {
    return submit(AssignmentCodec.heartbeat(report, clock.millis(), leaseDuration.toMillis()));
  }

  @Override
  public Future<PartitionMap> split(PartitionId range, Optional<String> indexKey) {
    return submit(AssignmentCodec.split(range, indexKey, clock.millis()));
  }

  @Override
  public Future<PartitionMap> merge(PartitionId left) {
    return submit(AssignmentCodec.merge(left, clock.millis()));
  }

  @Override
  public Future<PartitionMap> move(PartitionId range, PartitionServerId server) {
    return submit(AssignmentCodec.move(range, server, clock.millis()));
  }

  @Override
  public Future<PartitionMap> replaceRanges(List<PartitionEntry> ranges) {
    return submit(AssignmentCodec.replace(ranges));
  }

  /** Replicates one command; completes with the map after it was applied. */
  Future<PartitionMap> submit(ManagerCommandMsg command) {
    return map(client.submit(command.toByteArray()));
  }

  private static Future<PartitionMap> map(Future<byte[]> reply) {
    return reply.<PartitionMap>compose(bytes -> {
      try {
        return Future.succeededFuture(PartitionProtos.fromMsg(PartitionMapMsg.parseFrom(bytes)));
      } catch (InvalidProtocolBufferException e) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL, "bad map reply", e));
      }
    }).recover(t -> Future.failedFuture(translate(t)));
  }

  private static PartitionException translate(Throwable t) {
    if (t instanceof PartitionException e) {
      return e;
    }
    if (t instanceof RaftCallException e && e.reason() == RaftCallException.Reason.REJECTED) {
      return new PartitionException(PartitionErrorCode.BAD_REQUEST, "partition manager: " + e.getMessage(), e);
    }
    return new PartitionException(PartitionErrorCode.UNAVAILABLE, "partition manager: " + t.getMessage(), t);
  }
}
