package io.stampede.stream.node;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.stampede.common.id.ExtentId;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.Block;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.HeartbeatReply;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.ReplicaReport;
import io.stampede.stream.api.SealResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.http.BlockTransfer;
import io.stampede.stream.api.http.LocalReads;
import io.stampede.stream.extent.ExtentFile;
import io.stampede.stream.extent.ExtentStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An extent node's service: the local {@link ExtentNodeApi}. Disk I/O runs on a worker pool,
 * never on an event loop. As an extent's primary ({@code replicas.get(0)}) it orders appends per
 * extent with group commit ({@link PrimaryAppender}) and forwards them to the secondaries, reached
 * through {@code connector} (gRPC in a stamp, direct calls in tests). It reports its replicas to
 * the stream manager ({@link #heartbeat}) and obeys the reply. Once {@link #halt() halted} (a
 * killed node) it answers nothing and touches no file.
 */
public final class ExtentNode implements ExtentNodeApi {
  private static final Logger log = LoggerFactory.getLogger(ExtentNode.class);

  private final ExtentNodeConfig config;
  private final ExtentStore store;
  private final Function<ExtentNodeInfo, ExtentNodeApi> connector;
  private final ExtentNodeMetrics metrics;
  private final WorkerExecutor io;
  private final Map<ExtentId, PrimaryAppender> appenders = new ConcurrentHashMap<>();
  private volatile boolean halted;
  private BlockTransfer.LocalDir localDir;

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
  public Future<Void> createExtent(ExtentInfo extent, long epoch) {
    return guarded(() -> checkReplica(extent).compose(v -> io(() -> {
      store.create(extent, epoch);
      metrics.fsynced();
      log.debug("{} holds a replica of {}", config.id(), extent.id());
      return null;
    })));
  }

  @Override
  public Future<AppendResult> append(ExtentId extent, long epoch, List<Buffer> blocks) {
    return guarded(() -> {
      checkBlocks(extent, blocks);
      ExtentStore.Replica replica = store.get(extent);
      List<ExtentNodeInfo> replicas = replica.replicas();
      if (replicas.isEmpty() || !replicas.get(0).id().equals(config.id())) {
        throw new StreamException(StreamErrorCode.NOT_FOUND,
            config.id() + " is not the primary of " + extent + " " + replicas);
      }
      replica.checkEpoch(epoch);
      metrics.appended(blocks.stream().mapToLong(Buffer::length).sum());
      return appenders.computeIfAbsent(extent, id -> new PrimaryAppender(this, id,
          config.batchBytesMax(), config.appendQueueBytesMax())).submit(epoch, blocks);
    });
  }

  @Override
  public Future<AppendResult> replicate(ExtentId extent, long epoch, long offset, List<Buffer> blocks) {
    return guarded(() -> {
      checkBlocks(extent, blocks);
      metrics.replicated(blocks.stream().mapToLong(Buffer::length).sum());
      return writeLocally(extent, epoch, offset, blocks);
    });
  }

  @Override
  public Future<ReadResult> read(ExtentId extent, long offset, int maxBytes) {
    return guarded(() -> verify(extent, offset, maxBytes).onSuccess(r ->
        metrics.read(r.blocks().stream().mapToLong(b -> b.data().length()).sum())));
  }

  /**
   * Where this node keeps its replica files, for readers on the same host ({@link LocalReads}),
   * with the token it writes there on the first call; a halted node does not say.
   */
  Future<BlockTransfer.LocalDir> localDir() {
    return io(() -> {
      synchronized (this) {
        if (localDir == null) {
          Path dir = store.dir().toAbsolutePath();
          localDir = new BlockTransfer.LocalDir(LocalReads.newToken(dir), dir);
        }
        return localDir;
      }
    });
  }

  /**
   * The stored record of the block at {@code offset} ({@code payloadBytes} of payload), read on
   * the I/O pool into a pooled direct buffer, for sending it as it is stored: the reader checks
   * its checksum ({@link BlockReadHandler}). The caller releases the buffer.
   */
  Future<ByteBuf> storedRecord(ExtentId extent, long offset, int payloadBytes) {
    if (payloadBytes < 0 || payloadBytes > config.blockBytesMax()) {
      return Future.failedFuture(new StreamException(StreamErrorCode.OFFSET_MISMATCH,
          config.id() + ": no block of " + payloadBytes + " bytes in " + extent));
    }
    return io(() -> {
      ExtentFile file = store.file(extent);
      int bytes = ExtentFile.recordBytes(payloadBytes);
      ByteBuf record = PooledByteBufAllocator.DEFAULT.directBuffer(bytes, bytes);
      try {
        file.storedRecord(offset, payloadBytes, record.nioBuffer(0, bytes));
        if (halted) {
          // halted while reading: a halted node answers nothing, as if it had crashed first
          throw unavailable();
        }
        return record.writerIndex(bytes);
      } catch (IOException | RuntimeException e) {
        record.release();
        throw e;
      }
    });
  }

  @Override
  public Future<SealResult> seal(ExtentId extent, long epoch, long length) {
    return guarded(() -> io(() -> {
      store.raiseEpoch(extent, epoch);
      ExtentFile file = store.file(extent);
      long sealed = file.seal(length);
      metrics.sealed();
      log.info("{} sealed {} at {} (epoch {})", config.id(), extent, sealed, epoch);
      return new SealResult(sealed, file.tailCut());
    }));
  }

  @Override
  public Future<Long> length(ExtentId extent) {
    return guarded(() -> io(() -> store.file(extent).length()));
  }

  @Override
  public Future<Void> copyExtent(ExtentInfo extent, long length, ExtentNodeInfo source) {
    ExtentId id = extent.id();
    return guarded(() -> checkReplica(extent).compose(v -> io(() -> {
      Optional<ExtentStore.Replica> held = store.find(id);
      if (held.isPresent() && held.get().file().sealedLength() == length
          && held.get().file().length() == length) {
        store.create(extent, 0);
        return true;
      }
      store.delete(id);
      store.create(extent, held.map(ExtentStore.Replica::epoch).orElse(0L));
      return false;
    })).compose(done -> done ? Future.succeededFuture()
        : copyFrom(id, connector.apply(source), 0, length)
            .compose(v -> io(() -> store.file(id).seal(length)))
            .onSuccess(len -> {
              metrics.copied(length);
              log.info("{} copied {} ({} bytes) from {}", config.id(), id, length, source.id());
            })
            .mapEmpty()));
  }

  @Override
  public Future<Void> deleteExtent(ExtentId extent) {
    return guarded(() -> io(() -> {
      appenders.remove(extent);
      store.delete(extent);
      log.info("{} deleted its replica of {}", config.id(), extent);
      return null;
    }));
  }

  /** Reports this node ({@code self}) to {@code manager} and carries out the reply. */
  public Future<Void> heartbeat(StreamManagerApi manager, ExtentNodeInfo self) {
    return guarded(() -> io(() -> new NodeHeartbeat(self, freeBytes(), store.report())))
        .compose(manager::heartbeat)
        .compose(this::obey);
  }

  /** Stops answering at once: every call, in flight or new, fails; no file is touched again. */
  public void halt() {
    halted = true;
  }

  /** Releases the I/O pool. The store is the caller's to close. */
  public Future<Void> close() {
    return io.close();
  }

  private Future<Void> obey(HeartbeatReply reply) {
    List<Future<?>> steps = new ArrayList<>();
    reply.deletes().forEach(e -> steps.add(deleteExtent(e)));
    reply.seals().forEach(s -> steps.add(seal(s.extent(), s.epoch(), s.length())));
    return Future.join(steps).mapEmpty();
  }

  private long freeBytes() throws java.io.IOException {
    if (config.capacityBytes() > 0) {
      long held = store.report().stream().mapToLong(ReplicaReport::length).sum();
      return Math.max(0, config.capacityBytes() - held);
    }
    return Files.getFileStore(store.dir()).getUsableSpace();
  }

  private Future<Void> copyFrom(ExtentId id, ExtentNodeApi source, long offset, long length) {
    if (offset >= length) {
      return Future.succeededFuture();
    }
    return source.read(id, offset, config.batchBytesMax()).compose(r -> {
      List<Buffer> blocks = new ArrayList<>();
      long end = offset;
      for (Block b : r.blocks()) {
        long next = b.offset() + BLOCK_OVERHEAD_BYTES + b.data().length();
        if (b.offset() != end || next > length) {
          break;
        }
        blocks.add(b.data());
        end = next;
      }
      if (blocks.isEmpty()) {
        return Future.failedFuture(new StreamException(StreamErrorCode.CORRUPT, config.id()
            + " copying " + id + ": source has no whole block at " + offset + " below " + length));
      }
      // a copy is no owner's write: it goes under the replica's own epoch, never fenced
      return writeLocally(id, store.get(id).epoch(), offset, blocks)
          .compose(written -> copyFrom(id, source, written.extentLength(), length));
    });
  }

  /** Whole blocks from {@code offset}, every checksum verified (CORRUPT otherwise). */
  Future<ReadResult> verify(ExtentId extent, long offset, int maxBytes) {
    int bounded = Math.max(0, Math.min(maxBytes, config.batchBytesMax()));
    return io(() -> store.file(extent).read(offset, bounded)).onFailure(t -> {
      if (t instanceof StreamException se && se.code() == StreamErrorCode.CORRUPT) {
        metrics.corruptBlockFound();
        log.warn("{} {}", config.id(), t.getMessage());
      }
    });
  }

  /** The sealed replicas held here and their lengths. */
  Future<List<ReplicaReport>> sealedReplicas() {
    return io(() -> store.report().stream().filter(ReplicaReport::sealed).toList());
  }

  /** Writes blocks at {@code offset} on this replica and fsyncs, if {@code epoch} may. */
  Future<AppendResult> writeLocally(ExtentId extent, long epoch, long offset, List<Buffer> blocks) {
    return io(() -> {
      long started = System.nanoTime();
      store.get(extent).checkEpoch(epoch);
      ExtentFile file = store.file(extent);
      List<Long> offsets = file.writeAt(offset, blocks);
      metrics.fsynced();
      metrics.wrote(System.nanoTime() - started);
      return new AppendResult(offsets, file.length());
    });
  }

  Future<Long> localLength(ExtentId extent) {
    return io(() -> store.file(extent).length());
  }

  List<ExtentNodeApi> secondaries(ExtentId extent) {
    List<ExtentNodeInfo> replicas = store.get(extent).replicas();
    return replicas.subList(1, replicas.size()).stream().map(connector).toList();
  }

  String name() {
    return config.id().value();
  }

  ExtentNodeMetrics metrics() {
    return metrics;
  }

  private Future<Void> checkReplica(ExtentInfo extent) {
    return extent.replicas().stream().anyMatch(r -> r.id().equals(config.id()))
        ? Future.succeededFuture()
        : Future.failedFuture(new StreamException(StreamErrorCode.INTERNAL,
            config.id() + " is not a replica of " + extent.id() + " " + extent.replicas()));
  }

  private void checkBlocks(ExtentId extent, List<Buffer> blocks) {
    for (Buffer b : blocks) {
      if (b.length() > config.blockBytesMax()) {
        throw new StreamException(StreamErrorCode.TOO_LARGE, config.id() + " " + extent
            + " block of " + b.length() + " bytes over " + config.blockBytesMax());
      }
    }
  }

  /** Runs a call unless halted; a halted node also drops answers of calls already in flight. */
  private <T> Future<T> guarded(Supplier<Future<T>> call) {
    if (halted) {
      return Future.failedFuture(unavailable());
    }
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.compose(r -> halted ? Future.failedFuture(unavailable()) : Future.succeededFuture(r));
  }

  private StreamException unavailable() {
    return new StreamException(StreamErrorCode.UNAVAILABLE, config.id() + " is down");
  }

  private <T> Future<T> io(Callable<T> task) {
    return io.executeBlocking(() -> {
      if (halted) {
        throw unavailable();
      }
      return task.call();
    }, false).recover(t -> Future.failedFuture(
        t instanceof StreamException ? t
            : new StreamException(StreamErrorCode.INTERNAL, config.id() + " disk: " + t, t)));
  }
}
