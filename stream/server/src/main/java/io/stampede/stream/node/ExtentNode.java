package io.stampede.stream.node;

import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.extent.ExtentFile;
import io.stampede.stream.extent.ExtentStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An extent node's service: the local {@link ExtentNodeApi}. Disk I/O runs on a worker pool,
 * never on an event loop. As an extent's primary ({@code replicas.get(0)}) it orders appends per
 * extent with group commit ({@link PrimaryAppender}) and forwards them to the secondaries, reached
 * through {@code connector} (gRPC in a stamp, direct calls in tests).
 */
public final class ExtentNode implements ExtentNodeApi {
  private static final Logger log = LoggerFactory.getLogger(ExtentNode.class);

  private final ExtentNodeConfig config;
  private final ExtentStore store;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final ExtentNodeMetrics metrics;
  private final WorkerExecutor io;
  private final Map<ExtentId, PrimaryAppender> appenders = new ConcurrentHashMap<>();

  /** {@code store} must be loaded. */
  public ExtentNode(Vertx vertx, ExtentNodeConfig config, ExtentStore store,
      Function<ExtentNodeInfo, ExtentNodeApi> connector, ExtentNodeMetrics metrics) {
    this.config = config;
    this.store = store;
    this.connector = connector;
    this.metrics = metrics;
    this.io = vertx.createSharedWorkerExecutor("extent-io-" + config.id(), config.ioThreads());
  }

  @Override
  public Future<Void> createExtent(ExtentInfo extent) {
    if (extent.replicas().stream().noneMatch(r -> r.id().equals(config.id()))) {
      return Future.failedFuture(new StreamException(StreamErrorCode.INTERNAL,
          config.id() + " is not a replica of " + extent.id() + " " + extent.replicas()));
    }
    return io(() -> {
      store.create(extent);
      metrics.fsynced();
      log.debug("{} holds a replica of {}", config.id(), extent.id());
      return null;
    });
  }

  @Override
  public Future<AppendResult> append(ExtentId extent, List<Buffer> blocks) {
    try {
      checkBlocks(extent, blocks);
      List<ExtentNodeInfo> replicas = store.get(extent).replicas();
      if (replicas.isEmpty() || !replicas.get(0).id().equals(config.id())) {
        throw new StreamException(StreamErrorCode.NOT_FOUND,
            config.id() + " is not the primary of " + extent + " " + replicas);
      }
    } catch (StreamException e) {
      return Future.failedFuture(e);
    }
    metrics.appended(blocks.stream().mapToLong(Buffer::length).sum());
    return appenders.computeIfAbsent(extent, id -> new PrimaryAppender(this, id,
        config.batchBytesMax(), config.appendQueueBlocksMax())).submit(blocks);
  }

  @Override
  public Future<AppendResult> replicate(ExtentId extent, long offset, List<Buffer> blocks) {
    try {
      checkBlocks(extent, blocks);
    } catch (StreamException e) {
      return Future.failedFuture(e);
    }
    metrics.replicated(blocks.stream().mapToLong(Buffer::length).sum());
    return writeLocally(extent, offset, blocks);
  }

  @Override
  public Future<ReadResult> read(ExtentId extent, long offset, int maxBytes) {
    int bounded = Math.max(0, Math.min(maxBytes, config.batchBytesMax()));
    return io(() -> store.file(extent).read(offset, bounded)).onSuccess(r ->
        metrics.read(r.blocks().stream().mapToLong(b -> b.data().length()).sum()));
  }

  @Override
  public Future<Long> seal(ExtentId extent, long length) {
    return io(() -> {
      long sealed = store.file(extent).seal(length);
      metrics.fsynced();
      log.info("{} sealed {} at {}", config.id(), extent, sealed);
      return sealed;
    });
  }

  @Override
  public Future<Long> length(ExtentId extent) {
    return io(() -> store.file(extent).length());
  }

  /** Releases the I/O pool. The store is the caller's to close. */
  public Future<Void> close() {
    return io.close();
  }

  /** Writes blocks at {@code offset} on this replica and fsyncs. */
  Future<AppendResult> writeLocally(ExtentId extent, long offset, List<Buffer> blocks) {
    return io(() -> {
      ExtentFile file = store.file(extent);
      List<Long> offsets = file.writeAt(offset, blocks);
      metrics.fsynced();
      return new AppendResult(offsets, file.length());
    });
  }

  Future<Long> localLength(ExtentId extent) {
    return length(extent);
  }

  List<ExtentNodeApi> secondaries(ExtentId extent) {
    List<ExtentNodeInfo> replicas = store.get(extent).replicas();
    return replicas.subList(1, replicas.size()).stream().map(connector).toList();
  }

  String name() {
    return config.id().value();
  }

  private void checkBlocks(ExtentId extent, List<Buffer> blocks) {
    for (Buffer b : blocks) {
      if (b.length() > config.blockBytesMax()) {
        throw new StreamException(StreamErrorCode.TOO_LARGE, config.id() + " " + extent
            + " block of " + b.length() + " bytes over " + config.blockBytesMax());
      }
    }
  }

  private <T> Future<T> io(Callable<T> task) {
    return io.executeBlocking(task, false).recover(t -> Future.failedFuture(
        t instanceof StreamException ? t
            : new StreamException(StreamErrorCode.INTERNAL, config.id() + " disk: " + t, t)));
  }
}
