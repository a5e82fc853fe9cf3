package io.stampede.stream.manager;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.HeartbeatReply;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A stream manager peer's {@link StreamManagerApi} front: calls reach the {@link StreamManager}
 * this peer runs while it leads; on a follower (or during an election) they fail at once with the
 * retriable {@link StreamErrorCode#UNAVAILABLE} naming the leader it knows of, and clients move
 * on to the next peer.
 */
final class LeaderOnly implements StreamManagerApi {
  private final String self;
  private final Supplier<String> leader;
  private volatile StreamManager current;

  LeaderOnly(String self, Supplier<String> leader) {
    this.self = self;
    this.leader = leader;
  }

  /** The manager to serve with while this peer leads; null when it does not. */
  void lead(StreamManager manager) {
    this.current = manager;
  }

  StreamManager current() {
    return current;
  }

  private <T> Future<T> onLeader(Function<StreamManager, Future<T>> call) {
    StreamManager m = current;
    if (m == null) {
      return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
          self + " is not the stream manager leader (leader: " + leader.get() + ")"));
    }
    return call.apply(m);
  }

  @Override
  public Future<HeartbeatReply> heartbeat(NodeHeartbeat heartbeat) {
    return onLeader(m -> m.heartbeat(heartbeat));
  }

  @Override
  public Future<StreamInfo> claimStream(StreamId stream) {
    return onLeader(m -> m.claimStream(stream));
  }

  @Override
  public Future<StreamInfo> openStream(StreamId stream, long epoch) {
    return onLeader(m -> m.openStream(stream, epoch));
  }

  @Override
  public Future<StreamInfo> describeStream(StreamId stream) {
    return onLeader(m -> m.describeStream(stream));
  }

  @Override
  public Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength, long epoch) {
    return onLeader(m -> m.sealAndExtend(stream, extent, sealedLength, epoch));
  }

  @Override
  public Future<Void> reportCorrupt(ExtentId extent, ExtentNodeId node) {
    return onLeader(m -> m.reportCorrupt(extent, node));
  }

  @Override
  public Future<StreamInfo> dropExtents(StreamId stream, List<ExtentId> extents, long epoch) {
    return onLeader(m -> m.dropExtents(stream, extents, epoch));
  }

  @Override
  public Future<Void> deleteStream(StreamId stream) {
    return onLeader(m -> m.deleteStream(stream));
  }

  @Override
  public Future<StampStreams> describe() {
    return onLeader(StreamManager::describe);
  }
}
