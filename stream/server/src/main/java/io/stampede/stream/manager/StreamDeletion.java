package io.stampede.stream.manager;

import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.SealResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes streams so the partition layer can reclaim space (a multipart upload's stream when the
 * upload is aborted or its last object version deleted).
 *
 * <p>Inside one serialized metadata change: the open extent is first sealed on each live replica
 * at that replica's own length (a fence: an append in flight or sent later with a cached extent
 * fails SEALED, and the client's sealAndExtend then learns the stream is gone); unreachable
 * replicas are skipped, their nodes are told to delete them when they report again. Then one
 * replicated {@link StreamCommand.DeleteStream} removes the stream and its extents and remembers
 * the stream as deleted, so neither openStream (used by appends) nor sealAndExtend recreate it:
 * they fail {@link StreamErrorCode#DELETED}. Deletions older than
 * {@link StreamManagerConfig#deletedStreamRetention()} are forgotten with the next deletion,
 * which bounds the metadata; a stream id used again after that is a new stream.
 *
 * <p>The replicas are not deleted here: nothing references them any more, so the orphan
 * collection of {@link ReplicaRepair} deletes each one {@link StreamManagerConfig#orphanGrace()}
 * after its node reports it. That is one path for every replica, on nodes down at deletion time
 * too (a direct DeleteExtent would still need it for those), it leaves reads in flight (a GET
 * streaming the parts of an object just deleted) the grace period to finish, and it keeps extent
 * node calls other than the fence out of the serialized change. Extent ids are never reused, so a
 * late delete cannot hit another stream's replica.
 */
final class StreamDeletion {
  private static final Logger log = LoggerFactory.getLogger(StreamDeletion.class);
  private static final String NAME = "stream-manager";

  private final MetadataChanges changes;
  private final NodeTracker tracker;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamManagerMetrics metrics;
  private final StreamManagerConfig config;
  private final Clock clock;

  StreamDeletion(MetadataChanges changes, NodeTracker tracker,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamManagerMetrics metrics,
      StreamManagerConfig config, Clock clock) {
    this.changes = changes;
    this.tracker = tracker;
    this.connector = connector;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
  }

  /** The failure of a call on a deleted stream. */
  static StreamException deleted(StreamId stream) {
    return new StreamException(StreamErrorCode.DELETED, NAME + " stream " + stream + " was deleted");
  }

  /** Fences, then deletes {@code stream}; a no-op if it is deleted already. */
  Future<Void> delete(StreamId stream) {
    return changes.serialized(() -> {
      if (changes.read(m -> m.deleted(stream))) {
        return Future.succeededFuture();
      }
      Optional<StreamInfo> s = changes.read(m -> m.stream(stream));
      Future<Long> fenced = s.isPresent() && s.get().open()
          ? fence(s.get().last(), s.get().epoch()) : Future.succeededFuture(0L);
      return fenced.compose(openLength -> {
        long now = clock.millis();
        long forgetBefore = now - config.deletedStreamRetention().toMillis();
        return changes.commit(new StreamCommand.DeleteStream(stream, now, forgetBefore))
            .onSuccess(v -> released(stream, s.map(StreamInfo::extents).orElse(List.of()),
                openLength));
      });
    });
  }

  /**
   * Seals every live replica of the open extent {@code e} at its own length; completes with the
   * longest, never fails (a replica that cannot be sealed now is deleted later all the same).
   */
  private Future<Long> fence(ExtentInfo e, long epoch) {
    List<Future<Long>> seals = e.replicas().stream()
        .filter(r -> tracker.alive(r.id()))
        .map(r -> connector.apply(r).seal(e.id(), epoch, StreamManagerApi.SEAL_AT_COMMIT_LENGTH)
            .map(SealResult::length)
            .recover(t -> {
              log.warn("{} could not seal {} on {} before deleting its stream: {}", NAME, e.id(),
                  r.id(), t.toString());
              return Future.succeededFuture(0L);
            }))
        .toList();
    return Future.join(seals).map(v -> seals.stream().mapToLong(Future::result).max().orElse(0L));
  }

  private void released(StreamId stream, List<ExtentInfo> extents, long openLength) {
    long bytes = openLength + extents.stream().filter(ExtentInfo::sealed)
        .mapToLong(ExtentInfo::sealedLength).sum();
    metrics.streamDeleted(extents.size(), bytes);
    log.info("{} deleted {} ({} extents, {} bytes): its replicas go after {}", NAME, stream,
        extents.size(), bytes, config.orphanGrace());
  }
}
