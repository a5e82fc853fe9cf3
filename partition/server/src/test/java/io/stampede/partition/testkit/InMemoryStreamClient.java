package io.stampede.partition.testkit;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A stream layer in memory: each stream is one extent of blocks; survives "restarts" of its users. */
public final class InMemoryStreamClient implements StreamClient {
  private final int blockBytesMax;
  private final Map<StreamId, List<Buffer>> streams = new ConcurrentHashMap<>();
  private final Map<ExtentPointer, Buffer> blocks = new ConcurrentHashMap<>();
  private final Set<StreamId> deleted = ConcurrentHashMap.newKeySet();
  public final AtomicInteger reads = new AtomicInteger();
  public volatile boolean failAppends;

  public InMemoryStreamClient(int blockBytesMax) {
    this.blockBytesMax = blockBytesMax;
  }

  @Override
  public synchronized Future<List<ExtentPointer>> append(StreamId stream, List<Buffer> data) {
    if (failAppends) {
      return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE, "appends fail"));
    }
    if (deleted.contains(stream)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.DELETED, stream + " deleted"));
    }
    List<Buffer> s = streams.computeIfAbsent(stream, k -> new ArrayList<>());
    long offset = s.stream().mapToLong(Buffer::length).sum();
    List<ExtentPointer> pointers = new ArrayList<>();
    for (Buffer b : data) {
      if (b.length() > blockBytesMax) {
        return Future.failedFuture(new StreamException(StreamErrorCode.TOO_LARGE, "block " + b.length()));
      }
      ExtentPointer p = new ExtentPointer(ExtentId.of(stream.value() + "-e0"), offset, b.length());
      Buffer copy = b.copy();
      s.add(copy);
      blocks.put(p, copy);
      pointers.add(p);
      offset += b.length();
    }
    return Future.succeededFuture(pointers);
  }

  @Override
  public Future<Buffer> read(ExtentPointer pointer) {
    reads.incrementAndGet();
    Buffer b = blocks.get(pointer);
    return b == null ? Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND, "" + pointer))
        : Future.succeededFuture(b.copy());
  }

  @Override
  public Future<Void> replay(StreamId stream, Handler<StreamRecord> handler) {
    List<Buffer> s;
    synchronized (this) {
      s = List.copyOf(streams.getOrDefault(stream, List.of()));
    }
    long offset = 0;
    try {
      for (Buffer b : s) {
        handler.handle(new StreamRecord(new ExtentPointer(ExtentId.of(stream.value() + "-e0"), offset, b.length()), b));
        offset += b.length();
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return Future.succeededFuture();
  }

  /** As the stream layer once the orphan grace is over: the blocks are gone, appends fail. */
  @Override
  public synchronized Future<Void> deleteStream(StreamId stream) {
    deleted.add(stream);
    streams.remove(stream);
    ExtentId extent = ExtentId.of(stream.value() + "-e0");
    blocks.keySet().removeIf(p -> p.extent().equals(extent));
    return Future.succeededFuture();
  }

  public boolean deleted(StreamId stream) {
    return deleted.contains(stream);
  }

  @Override
  public int blockBytesMax() {
    return blockBytesMax;
  }

  public int blockCount(StreamId stream) {
    return streams.getOrDefault(stream, List.of()).size();
  }
}
