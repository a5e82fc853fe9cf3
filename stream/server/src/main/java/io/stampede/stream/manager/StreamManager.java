package io.stampede.stream.manager;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.HeartbeatReply;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.SealResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.manager.PlacementPolicy.Candidate;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream manager's leader-side logic, built anew by each peer that becomes leader. Metadata
 * changes go through {@link MetadataChanges} (one at a time, committed to the
 * {@link MetadataStore}: the Raft group). Extent nodes are reached through {@code connector}; their heartbeats
 * feed the {@link NodeTracker}, and {@link ReplicaRepair} keeps every extent at three healthy
 * replicas. Sealing at the commit length first fences every reachable replica (each seals at its
 * own length, so no append can complete any more), then seals them all at the smallest length
 * among the replicas that did not cut a torn tail (all of them if every one did).
 *
 * <p>Ownership: every stream carries an owner epoch, raised by {@link #claimStream} through Raft.
 * Writers name their epoch in every call that changes the stream ({@link #openStream},
 * {@link #sealAndExtend}) and every append to an extent node; an older epoch is refused
 * {@link StreamErrorCode#FENCED}, here and on the extent nodes, which learn a stream's epoch when
 * an extent is created and when it is sealed.
 */
public final class StreamManager implements StreamManagerApi {
  private static final Logger log = LoggerFactory.getLogger(StreamManager.class);
  private static final String NAME = "stream-manager";
  /** Placements tried for a new extent, each excluding nodes that failed to create it. */
  private static final int CREATE_ATTEMPTS_MAX = 3;

  private final MetadataChanges changes;
  private final PlacementPolicy placement;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamManagerMetrics metrics;
  private final NodeTracker tracker;
  private final ReplicaRepair repair;
  private final StreamDeletion deletion;
  /** Extents being created or copied: their replicas are not garbage. */
  private final Set<ExtentId> pending = ConcurrentHashMap.newKeySet();

  /**
   * A manager over {@code store}. Its failure detector starts now: no node is declared dead before
   * a full node timeout has passed (time to hear every live node's heartbeat).
   */
  public StreamManager(StreamManagerConfig config, MetadataStore store, PlacementPolicy placement,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamManagerMetrics metrics, Clock clock) {
    this.changes = new MetadataChanges(store);
    this.placement = placement;
    this.connector = connector;
    this.metrics = metrics;
    this.tracker = new NodeTracker(clock, config.nodeTimeout());
    this.repair = new ReplicaRepair(this, changes, tracker, placement, connector, metrics, config,
        clock, pending);
    this.deletion = new StreamDeletion(changes, tracker, connector, metrics, config, clock);
  }

  @Override
  public Future<HeartbeatReply> heartbeat(NodeHeartbeat heartbeat) {
    metrics.heartbeat();
    ExtentNodeInfo node = heartbeat.node();
    tracker.heard(heartbeat);
    Future<Void> registered = known(node) ? Future.succeededFuture()
        : changes.serialized(() -> known(node) ? Future.succeededFuture()
            : changes.commit(new StreamCommand.RegisterNode(node)).onSuccess(v -> log.info(
                "{} registered {} in {} at {}", NAME, node.id(), node.rack(), node.endpoint())));
    return registered.compose(v -> repair.reconcile(heartbeat));
  }

  @Override
  public Future<StreamInfo> claimStream(StreamId stream) {
    return changes.serialized(() -> {
      if (changes.read(m -> m.deleted(stream))) {
        return Future.<StreamInfo>failedFuture(StreamDeletion.deleted(stream));
      }
      long epoch = changes.read(StreamMetadata::nextEpoch);
      return changes.commit(new StreamCommand.ClaimStream(stream, epoch)).compose(v -> {
        StreamInfo s = changes.read(m -> m.stream(stream)).orElseThrow();
        log.info("{} {} claimed at epoch {}", NAME, stream, epoch);
        return s.open() ? seal(stream, s.last(), SEAL_AT_COMMIT_LENGTH, epoch) : Future.succeededFuture();
      }).map(v -> changes.read(m -> m.stream(stream)).orElseThrow());
    });
  }

  @Override
  public Future<StreamInfo> openStream(StreamId stream, long epoch) {
    return changes.serialized(() -> owned(stream, epoch).compose(s -> s.open()
        ? Future.succeededFuture(s)
        : addExtent(stream)))
        .compose(info -> refreshReplicas(info.last(), info.epoch()).map(info));
  }

  @Override
  public Future<StreamInfo> describeStream(StreamId stream) {
    return changes.sync().compose(v -> {
      if (changes.read(m -> m.deleted(stream))) {
        return Future.failedFuture(StreamDeletion.deleted(stream));
      }
      return changes.read(m -> m.stream(stream)).map(Future::succeededFuture)
          .orElseGet(() -> Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND,
              NAME + " no stream " + stream)));
    });
  }

  @Override
  public Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength, long epoch) {
    return changes.serialized(() -> owned(stream, epoch).compose(s -> {
      ExtentInfo e = s.extents().stream().filter(x -> x.id().equals(extent)).findFirst().orElse(null);
      if (e == null) {
        return Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND,
            NAME + " no extent " + extent + " in stream " + stream));
      }
      if (e.sealed() || !e.id().equals(s.last().id())) {
        return s.open() ? Future.succeededFuture(s) : addExtent(stream);
      }
      return seal(stream, e, sealedLength, epoch).compose(v -> addExtent(stream));
    }));
  }

  @Override
  public Future<StreamInfo> dropExtents(StreamId stream, List<ExtentId> extents, long epoch) {
    return changes.serialized(() -> owned(stream, epoch).compose(s -> {
      List<ExtentInfo> dropped = s.extents().stream().filter(e -> extents.contains(e.id())).toList();
      for (ExtentInfo e : dropped) {
        if (!e.sealed() || e.id().equals(s.last().id())) {
          return Future.failedFuture(new StreamException(StreamErrorCode.NOT_SEALED,
              NAME + " " + e.id() + " of " + stream + " is open or the stream's last: it cannot be dropped"));
        }
      }
      if (dropped.isEmpty()) {
        return Future.succeededFuture(s);
      }
      List<ExtentId> ids = dropped.stream().map(ExtentInfo::id).toList();
      return changes.commit(new StreamCommand.DropExtents(stream, epoch, ids)).map(v -> {
        long bytes = dropped.stream().mapToLong(ExtentInfo::sealedLength).sum();
        metrics.extentsDropped(dropped.size(), bytes);
        log.info("{} {} dropped {} extent(s) of {} bytes: {}", NAME, stream, ids.size(), bytes, ids);
        return changes.read(m -> m.stream(stream)).orElseThrow();
      });
    }));
  }

  /**
   * The stream, if {@code epoch} owns it: fails DELETED, NOT_FOUND (never claimed) or FENCED (a
   * newer owner claimed it). Inside a serialized change.
   */
  private Future<StreamInfo> owned(StreamId stream, long epoch) {
    if (changes.read(m -> m.deleted(stream))) {
      return Future.failedFuture(StreamDeletion.deleted(stream));
    }
    Optional<StreamInfo> s = changes.read(m -> m.stream(stream));
    if (s.isEmpty()) {
      return Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND,
          NAME + " no stream " + stream + ": claim it first"));
    }
    if (s.get().epoch() != epoch) {
      return Future.failedFuture(new StreamException(StreamErrorCode.FENCED, NAME + " " + stream
          + " is owned by epoch " + s.get().epoch() + ", not " + epoch));
    }
    return Future.succeededFuture(s.get());
  }

  @Override
  public Future<Void> reportCorrupt(ExtentId extent, ExtentNodeId node) {
    return repair.dropCorrupt(extent, node);
  }

  /** See {@link StreamDeletion}. */
  @Override
  public Future<Void> deleteStream(StreamId stream) {
    return deletion.delete(stream);
  }

  @Override
  public Future<StampStreams> describe() {
    return changes.sync().map(v -> changes.read(m -> new StampStreams(
        m.nodes().stream().map(tracker::status).toList(), m.streams(),
        repair.underReplicated().size())));
  }

  /**
   * One repair round: declares silent nodes dead, seals open extents that lost a replica, and
   * starts copies (at most {@code copiesMax} in flight) for sealed extents with fewer than three
   * healthy replicas. Completes when the copies it started end. Run periodically.
   */
  public Future<Void> repair() {
    return repair.run();
  }

  /** Seals an open extent that lost a replica at its commit length, and extends its stream. */
  Future<Void> sealForRepair(ExtentId extent) {
    return changes.serialized(() -> {
      ExtentInfo e = changes.read(m -> m.extent(extent)).orElse(null);
      Optional<StreamId> stream = changes.read(m -> m.streamOf(extent));
      if (e == null || e.sealed() || stream.isEmpty()) {
        return Future.succeededFuture();
      }
      log.info("{} sealing {} of {}: a replica is lost", NAME, extent, stream.get());
      long epoch = changes.read(m -> m.epoch(stream.get()));
      return seal(stream.get(), e, SEAL_AT_COMMIT_LENGTH, epoch).compose(v -> addExtent(stream.get()))
          .mapEmpty();
    });
  }

  private boolean known(ExtentNodeInfo node) {
    return changes.read(m -> m.node(node.id())).filter(node::equals).isPresent();
  }

  /** Seals the replicas under {@code epoch}, then records the seal. Inside a serialized change. */
  private Future<Long> seal(StreamId stream, ExtentInfo e, long length, long epoch) {
    return sealReplicas(e, length, epoch)
        .compose(len -> changes.commit(new StreamCommand.SealExtent(e.id(), len)).map(len))
        .onSuccess(len -> {
          metrics.extentSealed();
          log.info("{} sealed {} of {} at {}", NAME, e.id(), stream, len);
        });
  }

  /**
   * Seals every live replica at {@code length}, or at the commit length: each seals at its own
   * length first (a fence), then all at the smallest among those that did not cut a torn tail
   * (a replica that lost its tail must never shorten the others; if every one did, the smallest
   * of all). At least one must answer; the others are sealed or replaced later, through
   * heartbeats and repair.
   */
  private Future<Long> sealReplicas(ExtentInfo e, long length, long epoch) {
    List<ExtentNodeInfo> live = e.replicas().stream().filter(r -> tracker.alive(r.id())).toList();
    List<ExtentNodeInfo> targets = live.isEmpty() ? e.replicas() : live;
    if (length != SEAL_AT_COMMIT_LENGTH) {
      return sealAt(e, targets, length, epoch);
    }
    List<Future<SealResult>> fences = targets.stream()
        .map(r -> warnOnFailure(connector.apply(r).seal(e.id(), epoch, SEAL_AT_COMMIT_LENGTH), e, r))
        .toList();
    return Future.join(fences).transform(ar -> {
      List<ExtentNodeInfo> answered = new ArrayList<>();
      long clean = Long.MAX_VALUE;
      long any = Long.MAX_VALUE;
      for (int i = 0; i < fences.size(); i++) {
        if (fences.get(i).succeeded()) {
          SealResult r = fences.get(i).result();
          answered.add(targets.get(i));
          any = Math.min(any, r.length());
          if (r.tailCut()) {
            log.warn("{} {} on {} cut its tail at {}: it does not choose the commit length", NAME,
                e.id(), targets.get(i).id(), r.length());
          } else {
            clean = Math.min(clean, r.length());
          }
        }
      }
      return answered.isEmpty() ? unsealable(e)
          : sealAt(e, answered, clean != Long.MAX_VALUE ? clean : any, epoch);
    });
  }

  private Future<Long> sealAt(ExtentInfo e, List<ExtentNodeInfo> targets, long length, long epoch) {
    List<Future<SealResult>> seals = targets.stream()
        .map(r -> warnOnFailure(connector.apply(r).seal(e.id(), epoch, length), e, r))
        .toList();
    return Future.join(seals).transform(ar -> {
      boolean any = false;
      for (int i = 0; i < seals.size(); i++) {
        Future<SealResult> s = seals.get(i);
        any |= s.succeeded() && s.result().length() == length;
        if (s.succeeded() && s.result().length() != length) {
          log.warn("{} {} on {} is sealed at {}, not {}: it will be replaced", NAME, e.id(),
              targets.get(i).id(), s.result().length(), length);
        }
      }
      return any ? Future.succeededFuture(length) : unsealable(e);
    });
  }

  private static <T> Future<T> warnOnFailure(Future<T> call, ExtentInfo e, ExtentNodeInfo r) {
    return call.onFailure(t -> log.warn("{} could not seal {} on {}: {}", NAME, e.id(), r.id(),
        t.toString()));
  }

  private static <T> Future<T> unsealable(ExtentInfo e) {
    return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
        NAME + " no replica of " + e.id() + " could be sealed"));
  }

  /**
   * Reserves a new extent id durably (never reused, even if creation fails), places it on three
   * live nodes in three racks, creates it on all, then records it at the stream's end. Nodes that
   * fail to create it are left out of the next placement. Inside a serialized change.
   */
  private Future<StreamInfo> addExtent(StreamId stream) {
    return addExtent(stream, new HashSet<>(), 1);
  }

  private Future<StreamInfo> addExtent(StreamId stream, Set<ExtentNodeId> failed, int attempt) {
    List<ExtentNodeInfo> replicas;
    ExtentId id;
    try {
      replicas = placement.choose(candidates(failed));
      id = changes.read(StreamMetadata::nextExtentId);
    } catch (StreamException e) {
      return Future.failedFuture(e);
    }
    pending.add(id);
    ExtentInfo info = new ExtentInfo(id, replicas, false, 0);
    long epoch = changes.read(m -> m.epoch(stream));
    return changes.commit(new StreamCommand.ReserveExtent(id)).compose(v -> {
      List<Future<Void>> creates = replicas.stream()
          .map(r -> connector.apply(r).createExtent(info, epoch)).toList();
      return Future.join(creates).transform(ar -> {
        for (int i = 0; i < creates.size(); i++) {
          if (creates.get(i).failed()) {
            failed.add(replicas.get(i).id());
            log.warn("{} could not create {} on {}: {}", NAME, id, replicas.get(i).id(),
                creates.get(i).cause().toString());
          }
        }
        if (ar.failed()) {
          return attempt < CREATE_ATTEMPTS_MAX ? addExtent(stream, failed, attempt + 1)
              : Future.failedFuture(ar.cause());
        }
        return changes.commit(new StreamCommand.AddExtent(stream, id, replicas)).map(x -> {
          metrics.extentCreated();
          log.info("{} opened {} of {} on {}", NAME, id, stream,
              replicas.stream().map(ExtentNodeInfo::id).toList());
          return changes.read(m -> m.stream(stream)).orElseThrow();
        });
      });
    }).onComplete(ar -> pending.remove(id));
  }

  /** Live nodes heard from, excluding {@code excluded}, with their free space and replica counts. */
  List<Candidate> candidates(Set<ExtentNodeId> excluded) {
    Map<ExtentNodeId, Integer> counts = changes.read(StreamMetadata::extentCounts);
    return changes.read(StreamMetadata::nodes).stream()
        .filter(n -> !excluded.contains(n.id()) && tracker.placeable(n.id()))
        .map(n -> new Candidate(n, tracker.freeBytes(n.id()), counts.getOrDefault(n.id(), 0)))
        .toList();
  }

  /** Makes sure the open extent's replicas exist and know current endpoints; best effort. */
  private Future<Void> refreshReplicas(ExtentInfo extent, long epoch) {
    List<Future<Void>> calls = extent.replicas().stream()
        .filter(r -> tracker.alive(r.id()))
        .map(r -> connector.apply(r).createExtent(extent, epoch).recover(t -> {
          log.warn("{} could not refresh {} on {}: {}", NAME, extent.id(), r.id(), t.toString());
          return Future.succeededFuture();
        }))
        .toList();
    return Future.join(calls).mapEmpty();
  }
}
