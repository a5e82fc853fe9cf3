package io.stampede.partition.testkit;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream layer in memory; survives "restarts" of its users. A stream is a list of extents
 * ({@code <stream>-e<n>}) of at most {@code blocksPerExtent} blocks each; a claim raises the
 * stream's epoch, fences older writers (FENCED) and seals the open extent, as the real one does.
 * Faults: {@link #failAppends}
 * fails appends without storing them (an append the real client settled as not in the stream);
 * appends to {@link #loseAcksOf} are stored and then fail UNRESOLVED (an append whose outcome the
 * real client could not settle: its extent could be neither sealed nor read back).
 */
public final class InMemoryStreamClient implements StreamClient {
  private final int blockBytesMax;
  private final int blocksPerExtent;
  private final Map<StreamId, List<StreamRecord>> streams = new ConcurrentHashMap<>();
  private final Map<ExtentPointer, Buffer> blocks = new ConcurrentHashMap<>();
  private final Set<StreamId> deleted = ConcurrentHashMap.newKeySet();
  public final AtomicInteger reads = new AtomicInteger();
  /** Blocks ever appended to each stream (dropped extents' included). */
  public final Map<StreamId, AtomicInteger> appended = new ConcurrentHashMap<>();
  /** Extents each stream's replays have read so far. */
  public final Map<StreamId, AtomicInteger> extentsReplayed = new ConcurrentHashMap<>();
  public volatile boolean failAppends;
  private final Map<StreamId, Long> epochs = new ConcurrentHashMap<>();
  private final Map<StreamId, Tail> tails = new ConcurrentHashMap<>();
  public volatile StreamId loseAcksOf;

  public InMemoryStreamClient(int blockBytesMax) {
    this(blockBytesMax, Integer.MAX_VALUE);
  }

  public InMemoryStreamClient(int blockBytesMax, int blocksPerExtent) {
    this.blockBytesMax = blockBytesMax;
    this.blocksPerExtent = blocksPerExtent;
  }

  /**
   * As the stream layer: raises the stream's epoch and seals its open extent (the next append
   * starts a new one); writers of older epochs fail FENCED from now on.
   */
  @Override
  public synchronized Future<StreamWriter> claim(StreamId stream) {
    if (deleted.contains(stream)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.DELETED, stream + " deleted"));
    }
    long epoch = epochs.merge(stream, 1L, Long::sum);
    Tail t = tails.computeIfAbsent(stream, k -> new Tail());
    if (t.blocks > 0) {
      t.extent++;
      t.blocks = 0;
      t.offset = 0;
    }
    return Future.succeededFuture(new Writer(stream, epoch));
  }

  /** The stream's owner epoch now (0: never claimed). */
  public synchronized long epoch(StreamId stream) {
    return epochs.getOrDefault(stream, 0L);
  }

  private synchronized Future<List<ExtentPointer>> append(StreamId stream, long epoch, List<Buffer> data) {
    if (failAppends) {
      return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE, "appends fail"));
    }
    if (deleted.contains(stream)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.DELETED, stream + " deleted"));
    }
    if (epoch != epochs.getOrDefault(stream, 0L)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.FENCED,
          stream + " is at epoch " + epochs.get(stream) + ", not " + epoch));
    }
    for (Buffer b : data) {
      if (b.length() > blockBytesMax) {
        return Future.failedFuture(new StreamException(StreamErrorCode.TOO_LARGE, "block " + b.length()));
      }
    }
    List<StreamRecord> s = streams.computeIfAbsent(stream, k -> new ArrayList<>());
    Tail t = tails.computeIfAbsent(stream, k -> new Tail());
    List<ExtentPointer> pointers = new ArrayList<>();
    for (Buffer b : data) {
      if (t.blocks == blocksPerExtent) {
        t.extent++;
        t.blocks = 0;
        t.offset = 0;
      }
      ExtentPointer p = new ExtentPointer(ExtentId.of(stream.value() + "-e" + t.extent), t.offset, b.length());
      t.blocks++;
      t.offset += b.length();
      Buffer copy = b.copy();
      appended.computeIfAbsent(stream, k -> new AtomicInteger()).incrementAndGet();
      s.add(new StreamRecord(p, copy));
      blocks.put(p, copy);
      pointers.add(p);
    }
    if (stream.equals(loseAcksOf)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.UNRESOLVED, "ack lost"));
    }
    return Future.succeededFuture(pointers);
  }

  /** The stream's extents in order; all but the one the next append goes to are sealed. */
  @Override
  public synchronized Future<StreamInfo> describe(StreamId stream) {
    if (deleted.contains(stream)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.DELETED, stream + " deleted"));
    }
    if (!epochs.containsKey(stream)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND, "no stream " + stream));
    }
    Map<ExtentId, Long> lengths = new LinkedHashMap<>();
    streams.getOrDefault(stream, List.of()).forEach(r ->
        lengths.merge(r.pointer().extent(), (long) r.pointer().length(), Long::sum));
    Tail t = tails.get(stream);
    ExtentId open = t == null ? null : ExtentId.of(stream.value() + "-e" + t.extent);
    List<ExtentInfo> extents = new ArrayList<>();
    lengths.forEach((id, length) -> extents.add(new ExtentInfo(id, List.of(), !id.equals(open), length)));
    return Future.succeededFuture(new StreamInfo(stream, epochs.get(stream), extents));
  }

  private synchronized Future<StreamInfo> drop(StreamId stream, long epoch, List<ExtentId> extents) {
    if (epoch != epochs.getOrDefault(stream, 0L)) {
      return Future.failedFuture(new StreamException(StreamErrorCode.FENCED, stream + " not at epoch " + epoch));
    }
    Tail t = tails.get(stream);
    if (t != null && extents.contains(ExtentId.of(stream.value() + "-e" + t.extent))) {
      return Future.failedFuture(new StreamException(StreamErrorCode.NOT_SEALED, stream + " open extent"));
    }
    List<StreamRecord> s = streams.getOrDefault(stream, new ArrayList<>());
    s.removeIf(r -> {
      boolean gone = extents.contains(r.pointer().extent());
      if (gone) {
        blocks.remove(r.pointer());
      }
      return gone;
    });
    return describe(stream);
  }

  @Override
  public Future<Buffer> read(ExtentPointer pointer) {
    reads.incrementAndGet();
    Buffer b = blocks.get(pointer);
    return b == null ? Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND, "" + pointer))
        : Future.succeededFuture(b.copy());
  }

  @Override
  public Future<Void> replay(StreamId stream, ExtentPointer after, Handler<StreamRecord> handler) {
    List<StreamRecord> s;
    synchronized (this) {
      s = List.copyOf(streams.getOrDefault(stream, List.of()));
    }
    int from = 0;
    if (after != null) {
      from = -1;
      for (int i = 0; i < s.size(); i++) {
        if (s.get(i).pointer().equals(after)) {
          from = i + 1;
        }
      }
      if (from < 0) {
        return Future.failedFuture(new StreamException(StreamErrorCode.NOT_FOUND, stream + " has no " + after));
      }
    }
    ExtentId previous = null;
    try {
      for (StreamRecord r : s.subList(from, s.size())) {
        if (!r.pointer().extent().equals(previous)) {
          previous = r.pointer().extent();
          extentsReplayed.computeIfAbsent(stream, k -> new AtomicInteger()).incrementAndGet();
        }
        handler.handle(new StreamRecord(r.pointer(), r.data().copy()));
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
    tails.remove(stream);
    List<StreamRecord> s = streams.remove(stream);
    if (s != null) {
      s.forEach(r -> blocks.remove(r.pointer()));
    }
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

  /** Where a stream's next block goes. */
  private static final class Tail {
    int extent;
    int blocks;
    long offset;
  }

  private final class Writer implements StreamWriter {
    private final StreamId stream;
    private final long epoch;

    Writer(StreamId stream, long epoch) {
      this.stream = stream;
      this.epoch = epoch;
    }

    @Override
    public StreamId stream() {
      return stream;
    }

    @Override
    public long epoch() {
      return epoch;
    }

    @Override
    public Future<List<ExtentPointer>> append(List<Buffer> data) {
      return InMemoryStreamClient.this.append(stream, epoch, data);
    }

    @Override
    public Future<StreamInfo> drop(List<ExtentId> extents) {
      return InMemoryStreamClient.this.drop(stream, epoch, extents);
    }
  }
}
