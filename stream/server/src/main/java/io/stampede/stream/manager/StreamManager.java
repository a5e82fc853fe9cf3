package io.stampede.stream.manager;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stream manager. Metadata changes run one at a time: each is made durable in the
 * {@link CommandLog} and then applied to {@link StreamMetadata}. Extent nodes are reached
 * through {@code connector}. Nodes heard from within {@code nodeTimeout} are candidates for
 * new extents.
 */
public final class StreamManager implements StreamManagerApi {
  private static final Logger log = LoggerFactory.getLogger(StreamManager.class);
  private static final String NAME = "stream-manager";

  private final StreamManagerConfig config;
  private final StreamMetadata metadata;
  private final CommandLog commandLog;
  private final PlacementPolicy placement;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamManagerMetrics metrics;
  private final Clock clock;
  private final Map<ExtentNodeId, Instant> lastSeen = new ConcurrentHashMap<>();
  private Future<Void> tail = Future.succeededFuture();

  /** {@code metadata} already holds every command of {@code commandLog}. */
  public StreamManager(StreamManagerConfig config, StreamMetadata metadata, CommandLog commandLog,
      PlacementPolicy placement, Function<ExtentNodeInfo, ExtentNodeApi> connector,
      StreamManagerMetrics metrics, Clock clock) {
    this.config = config;
    this.metadata = metadata;
    this.commandLog = commandLog;
    this.placement = placement;
    this.connector = connector;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<Void> registerExtentNode(ExtentNodeInfo node) {
    lastSeen.put(node.id(), clock.instant());
    metrics.registered();
    if (known(node)) {
      return Future.succeededFuture();
    }
    return serialized(() -> known(node) ? Future.succeededFuture()
        : commit(new StreamCommand.RegisterNode(node))
            .onSuccess(v -> log.info("{} registered {} in {} at {}", NAME, node.id(), node.rack(),
                node.endpoint())));
  }

  @Override
  public Future<StreamInfo> openStream(StreamId stream) {
    return serialized(() -> {
      Optional<StreamInfo> s = read(() -> metadata.stream(stream));
      return s.isPresent() && !s.get().last().sealed()
          ? Future.succeededFuture(s.get())
          : addExtent(stream);
    }).compose(info -> refreshReplicas(info.last()).map(info));
  }

  @Override
  public Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength) {
    return serialized(() -> {
      StreamInfo s = read(() -> metadata.stream(stream)).orElse(null);
      ExtentInfo e = s == null ? null
          : s.extents().stream().filter(x -> x.id().equals(extent)).findFirst().orElse(null);
      if (e == null) {
        return Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND,
            NAME + " no extent " + extent + " in stream " + stream));
      }
      if (e.sealed() || !e.id().equals(s.last().id())) {
        return s.last().sealed() ? addExtent(stream) : Future.succeededFuture(s);
      }
      return sealReplicas(e, sealedLength)
          .compose(v -> commit(new StreamCommand.SealExtent(extent, sealedLength)))
          .onSuccess(v -> {
            metrics.extentSealed();
            log.info("{} sealed {} of {} at {}", NAME, extent, stream, sealedLength);
          })
          .compose(v -> addExtent(stream));
    });
  }

  @Override
  public Future<StampStreams> describe() {
    return Future.succeededFuture(read(metadata::describe));
  }

  private boolean known(ExtentNodeInfo node) {
    return read(() -> metadata.node(node.id())).filter(node::equals).isPresent();
  }

  /** Places, creates on all replicas, then records a new open extent at the stream's end. */
  private Future<StreamInfo> addExtent(StreamId stream) {
    List<ExtentNodeInfo> replicas;
    ExtentId id;
    try {
      synchronized (metadata) {
        replicas = placement.choose(liveNodes(), metadata.extentCounts());
        id = metadata.nextExtentId();
      }
    } catch (StreamException e) {
      return Future.failedFuture(e);
    }
    ExtentInfo info = new ExtentInfo(id, replicas, false, 0);
    List<Future<Void>> creates = replicas.stream().map(r -> connector.apply(r).createExtent(info)).toList();
    return Future.all(creates)
        .compose(v -> commit(new StreamCommand.AddExtent(stream, id, replicas)))
        .map(v -> {
          metrics.extentCreated();
          log.info("{} opened {} of {} on {}", NAME, id, stream,
              replicas.stream().map(ExtentNodeInfo::id).toList());
          return read(() -> metadata.stream(stream)).orElseThrow();
        });
  }

  /** Seals on every reachable replica; at least one must answer. */
  private Future<Void> sealReplicas(ExtentInfo extent, long length) {
    List<Future<Long>> seals = extent.replicas().stream()
        .map(r -> connector.apply(r).seal(extent.id(), length)
            .onFailure(t -> log.warn("{} could not seal {} on {}: {}", NAME, extent.id(), r.id(),
                t.toString()))
            .onSuccess(len -> {
              if (len != length) {
                log.error("{} {} on {} is sealed at {}, not {}", NAME, extent.id(), r.id(), len, length);
              }
            }))
        .toList();
    return Future.join(seals).transform(ar -> seals.stream().anyMatch(Future::succeeded)
        ? Future.succeededFuture()
        : Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE,
            NAME + " no replica of " + extent.id() + " could be sealed")));
  }

  /** Makes sure the open extent's replicas exist and know current endpoints; best effort. */
  private Future<Void> refreshReplicas(ExtentInfo extent) {
    List<Future<Void>> calls = extent.replicas().stream()
        .map(r -> connector.apply(r).createExtent(extent).recover(t -> {
          log.warn("{} could not refresh {} on {}: {}", NAME, extent.id(), r.id(), t.toString());
          return Future.succeededFuture();
        }))
        .toList();
    return Future.join(calls).mapEmpty();
  }

  private List<ExtentNodeInfo> liveNodes() {
    Instant oldest = clock.instant().minus(config.nodeTimeout());
    return metadata.nodes().stream()
        .filter(n -> lastSeen.getOrDefault(n.id(), Instant.MIN).isAfter(oldest))
        .toList();
  }

  private Future<Void> commit(StreamCommand command) {
    return commandLog.append(command).map(v -> {
      synchronized (metadata) {
        metadata.apply(command);
      }
      return null;
    });
  }

  private <T> T read(Supplier<T> query) {
    synchronized (metadata) {
      return query.get();
    }
  }

  /** Runs metadata changes one at a time, in call order. */
  private synchronized <T> Future<T> serialized(Supplier<Future<T>> change) {
    Future<T> result = tail.transform(ignored -> {
      try {
        return change.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tail = result.transform(ignored -> Future.succeededFuture());
    return result;
  }
}
