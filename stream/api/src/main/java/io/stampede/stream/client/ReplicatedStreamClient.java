package io.stampede.stream.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.api.grpc.GrpcExtentNodeConnector;
import io.stampede.stream.api.grpc.GrpcStreamManagerClient;
import io.stampede.stream.api.grpc.StreamGrpc;
import io.stampede.stream.api.http.BlockTransferClient;
import io.stampede.stream.api.http.LocalReads;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The stream client over triple-replicated extents. A claim makes a writer of the stream's new
 * owner epoch ({@link StreamAppender}); its appends go to the open extent's primary, serialized in
 * call order with group commit. Reads go to any replica, primary first ({@link ReplicaReader}). A
 * failed append seals the extent at its commit length and continues on a new one. Extent
 * metadata is cached and refreshed from the stream manager when an extent is unknown. A writer
 * this client made earlier for the same stream is ended at once by a new claim (its queued
 * appends fail FENCED); writers of other clients learn it from the stream layer.
 */
public final class ReplicatedStreamClient implements StreamClient {
  private final Vertx vertx;
  private final StreamManagerApi manager;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final StreamClientConfig config;
  private final ReplicaReader reader;
  private final Map<StreamId, StreamAppender> writers = new ConcurrentHashMap<>();
  private final Map<ExtentId, ExtentInfo> extents = new ConcurrentHashMap<>();
  private final GrpcClient ownedClient;
  private final BlockTransferClient ownedBlocks;
  private Future<Void> refreshing;

  /** {@code vertx} runs the retry and read-deadline timers. */
  public ReplicatedStreamClient(Vertx vertx, StreamManagerApi manager,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamClientConfig config) {
    this(vertx, manager, connector, config, null, null);
  }

  private ReplicatedStreamClient(Vertx vertx, StreamManagerApi manager,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, StreamClientConfig config,
      GrpcClient ownedClient, BlockTransferClient ownedBlocks) {
    this.vertx = vertx;
    this.manager = manager;
    this.connector = connector;
    this.config = config;
    this.reader = new ReplicaReader(vertx, manager, connector, config);
    this.ownedClient = ownedClient;
    this.ownedBlocks = ownedBlocks;
  }

  /**
   * A client that reaches the stream manager and extent nodes over gRPC, and reads blocks over the
   * data plane ({@link BlockTransferClient}), or from the files of nodes on this host
   * ({@link LocalReads}, counted in {@code registry}); {@link #close()} it.
   */
  public static ReplicatedStreamClient connect(Vertx vertx, List<Endpoint> streamManagers,
      StreamClientConfig config, MeterRegistry registry) {
    GrpcClient grpc = StreamGrpc.client(vertx);
    BlockTransferClient blocks = BlockTransferClient.create(vertx, config.readTimeout());
    LocalReads local = LocalReads.create(vertx, blocks, registry, "stream-client");
    return new ReplicatedStreamClient(vertx,
        new GrpcStreamManagerClient(grpc, streamManagers, config.rpcTimeout()),
        new GrpcExtentNodeConnector(grpc, blocks, local, config.rpcTimeout()), config, grpc, blocks);
  }

  /** Closes the clients this instance created, if any. */
  public Future<Void> close() {
    return (ownedClient == null ? Future.<Void>succeededFuture() : ownedClient.close())
        .eventually(() -> ownedBlocks == null ? Future.succeededFuture() : ownedBlocks.close());
  }

  @Override
  public Future<StreamWriter> claim(StreamId stream) {
    return manager.claimStream(stream).map(claimed -> {
      remember(claimed);
      StreamAppender writer = new StreamAppender(claimed, vertx, manager, connector, config,
          this::remember, this::forget, reader);
      StreamAppender before = writers.put(stream, writer);
      if (before != null) {
        before.end(new StreamException(StreamErrorCode.FENCED,
            stream + " was claimed again at epoch " + claimed.epoch()));
      }
      return writer;
    });
  }

  @Override
  public Future<Buffer> read(ExtentPointer pointer) {
    ExtentInfo known = extents.get(pointer.extent());
    if (known != null) {
      return reader.block(known, pointer).recover(t -> refresh()
          .compose(v -> reader.block(extents.getOrDefault(pointer.extent(), known), pointer)));
    }
    return refresh().compose(v -> {
      ExtentInfo info = extents.get(pointer.extent());
      return info == null
          ? Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND,
              "no extent " + pointer.extent()))
          : reader.block(info, pointer);
    });
  }

  @Override
  public Future<List<Endpoint>> replicas(ExtentId extent) {
    ExtentInfo known = extents.get(extent);
    Future<ExtentInfo> info = known != null ? Future.succeededFuture(known) : refresh().compose(v -> {
      ExtentInfo found = extents.get(extent);
      return found != null ? Future.succeededFuture(found)
          : Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND, "no extent " + extent));
    });
    return info.map(i -> i.replicas().stream().map(ExtentNodeInfo::endpoint).toList());
  }

  @Override
  public Future<Void> replay(StreamId stream, ExtentPointer after, Handler<StreamRecord> handler) {
    return manager.describeStream(stream).recover(t -> after == null && notFound(t)
        ? Future.succeededFuture(new StreamInfo(stream, 0, List.of()))
        : Future.failedFuture(t)).compose(info -> {
      remember(info);
      List<ExtentInfo> list = info.extents();
      if (after == null) {
        return replayFrom(list, 0, -1, handler);
      }
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).id().equals(after.extent())) {
          return replayFrom(list, i, after.offset(), handler);
        }
      }
      return Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND,
          stream + " has no extent " + after.extent()));
    });
  }

  private static boolean notFound(Throwable t) {
    return t instanceof StreamException e && e.code() == StreamErrorCode.NOT_FOUND;
  }

  /** Replays extents from {@code index} on; in the first, only blocks after offset {@code afterOffset}. */
  private Future<Void> replayFrom(List<ExtentInfo> list, int index, long afterOffset, Handler<StreamRecord> handler) {
    if (index == list.size()) {
      return Future.succeededFuture();
    }
    return reader.replay(list.get(index), afterOffset, handler)
        .compose(v -> replayFrom(list, index + 1, -1, handler));
  }

  /** Deletes the stream through the stream manager, then ends this client's writer of it. */
  @Override
  public Future<Void> deleteStream(StreamId stream) {
    return manager.deleteStream(stream).onSuccess(v -> {
      StreamAppender writer = writers.remove(stream);
      if (writer != null) {
        writer.end(new StreamException(StreamErrorCode.DELETED, stream + " was deleted"));
      }
    });
  }

  @Override
  public int blockBytesMax() {
    return config.blockBytesMax();
  }

  @Override
  public Future<StreamInfo> describe(StreamId stream) {
    return manager.describeStream(stream).onSuccess(this::remember);
  }

  private void forget(List<ExtentId> dropped) {
    dropped.forEach(extents::remove);
  }

  private void remember(StreamInfo info) {
    info.extents().forEach(e -> extents.put(e.id(), e));
  }

  /** Reloads every extent's replicas from the stream manager; concurrent callers share one call. */
  private synchronized Future<Void> refresh() {
    if (refreshing != null) {
      return refreshing;
    }
    Future<Void> call = manager.describe().map(all -> {
      all.streams().forEach(this::remember);
      return null;
    });
    refreshing = call;
    call.onComplete(ar -> clearRefreshing(call));
    return call;
  }

  private synchronized void clearRefreshing(Future<Void> call) {
    if (refreshing == call) {
      refreshing = null;
    }
  }
}
