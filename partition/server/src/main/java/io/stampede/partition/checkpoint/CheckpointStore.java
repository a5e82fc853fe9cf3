package io.stampede.partition.checkpoint;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.client.OwnedStreams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads the checkpoints of range partitions ({@link CheckpointCodec}): encoding and
 * decoding run on worker threads, never on the event loop. Writes go through the owner's
 * writers of the checkpoint streams ({@link OwnedStreams}), so a server that lost the range can
 * no longer add a checkpoint.
 */
public final class CheckpointStore {
  private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);
  /** Data blocks appended per call, so a big checkpoint does not fill the stream client's queue. */
  private static final int APPEND_BLOCKS = 16;

  private final OwnedStreams owned;
  private final StreamClient streams;
  private final Context context;

  public CheckpointStore(OwnedStreams owned, Context context) {
    this.owned = owned;
    this.streams = owned.client();
    this.context = context;
  }

  public static StreamId dataStream(PartitionId id) {
    return StreamId.of(id.value() + ".ckpt");
  }

  public static StreamId metaStream(PartitionId id) {
    return StreamId.of(id.value() + ".meta");
  }

  /**
   * Writes {@code snapshot} as range {@code id}'s latest checkpoint; completes once its descriptor
   * is durable. Then drops the sealed extents of both checkpoint streams that hold only older
   * checkpoints ({@link #trim}).
   */
  public Future<CheckpointDescriptor> write(PartitionId id, IndexSnapshot snapshot, long nowMs) {
    return context.executeBlocking(() -> CheckpointCodec.encode(snapshot, streams.blockBytesMax()), false)
        .compose(encoded -> appendAll(dataStream(id), encoded.blocks(), 0, new ArrayList<>())
            .compose(pointers -> {
              CheckpointDescriptor d = new CheckpointDescriptor(pointers, snapshot.position(), snapshot.records(),
                  encoded.keys(), snapshot.freedStreams(), nowMs, snapshot.closedBuckets());
              Buffer block = CheckpointCodec.encode(d);
              if (block.length() > streams.blockBytesMax()) {
                return Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL,
                    id + " checkpoint descriptor of " + block.length() + " bytes is over a block"));
              }
              return owned.append(metaStream(id), List.of(block)).compose(at -> trim(id, d, at.get(0)).map(d));
            }));
  }

  /**
   * Drops the sealed extents before the one holding the first block of checkpoint {@code d} (in
   * {@code <id>.ckpt}) and before the one holding its descriptor {@code at} (in {@code <id>.meta}):
   * no reader needs a checkpoint older than the latest. Never fails: a trim that does not happen
   * now happens after the next checkpoint.
   */
  private Future<Void> trim(PartitionId id, CheckpointDescriptor d, ExtentPointer at) {
    Optional<ExtentId> firstData = d.blocks().isEmpty() ? Optional.empty() : Optional.of(d.blocks().get(0).extent());
    return Future.join(trimBefore(dataStream(id), firstData), trimBefore(metaStream(id), Optional.of(at.extent())))
        .<Void>mapEmpty()
        .recover(t -> {
          log.warn("{} could not drop old checkpoint extents (tried after the next checkpoint): {}", id, t.toString());
          return Future.succeededFuture();
        });
  }

  /** Drops the sealed extents of {@code stream} before {@code keepFrom} (all sealed ones but the last if empty). */
  private Future<Void> trimBefore(StreamId stream, Optional<ExtentId> keepFrom) {
    return streams.describe(stream).compose(info -> {
      List<ExtentInfo> extents = info.extents();
      if (keepFrom.isPresent() && extents.stream().noneMatch(e -> e.id().equals(keepFrom.get()))) {
        return Future.succeededFuture();
      }
      List<ExtentId> old = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < extents.size() - 1; i++) {
        ExtentInfo e = extents.get(i);
        if (keepFrom.isPresent() && e.id().equals(keepFrom.get())) {
          break;
        }
        if (e.sealed()) {
          old.add(e.id());
          bytes += e.sealedLength();
        }
      }
      if (old.isEmpty()) {
        return Future.succeededFuture();
      }
      long dropped = bytes;
      return owned.writer(stream).compose(w -> w.drop(old)).map(s -> {
        log.info("{} dropped {} extent(s) of old checkpoints ({} bytes)", stream, old.size(), dropped);
        return null;
      });
    });
  }

  private Future<List<ExtentPointer>> appendAll(StreamId stream, List<Buffer> blocks, int from,
      List<ExtentPointer> done) {
    if (from >= blocks.size()) {
      return Future.succeededFuture(done);
    }
    int to = Math.min(blocks.size(), from + APPEND_BLOCKS);
    return owned.append(stream, blocks.subList(from, to)).compose(pointers -> {
      done.addAll(pointers);
      return appendAll(stream, blocks, to, done);
    });
  }

  /** The latest checkpoint of range {@code id}, if any. */
  public Future<Optional<CheckpointDescriptor>> latest(PartitionId id) {
    AtomicReference<Buffer> last = new AtomicReference<>();
    return streams.replay(metaStream(id), r -> last.set(r.data()))
        .compose(v -> last.get() == null ? Future.succeededFuture(Optional.empty())
            : context.executeBlocking(() -> Optional.of(CheckpointCodec.decodeDescriptor(last.get())), false));
  }

  /**
   * The content of checkpoint {@code d}, only the keys of {@code cut}, with the checkpoint's
   * position, record count and freed streams. Fails INTERNAL if the blocks do not hold the
   * number of keys the descriptor says.
   */
  public Future<IndexSnapshot> read(CheckpointDescriptor d, KeyRange cut) {
    SnapshotBuilder builder = new SnapshotBuilder();
    AtomicLong keys = new AtomicLong();
    List<ExtentPointer> blocks = d.blocks();
    Future<Buffer> first = blocks.isEmpty() ? null : streams.read(blocks.get(0));
    return readFrom(blocks, 0, first, cut, builder, keys).compose(v -> {
      if (keys.get() != d.keys()) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL,
            "checkpoint holds " + keys.get() + " keys, its descriptor says " + d.keys()));
      }
      return context.executeBlocking(() -> builder.build(d.logPosition(), d.records(), d.freedStreams(),
          d.closedBuckets()), true);
    });
  }

  /** Decodes block {@code i} (being read) while block {@code i + 1} is read. */
  private Future<Void> readFrom(List<ExtentPointer> blocks, int i, Future<Buffer> current, KeyRange cut,
      SnapshotBuilder builder, AtomicLong keys) {
    if (i >= blocks.size()) {
      return Future.succeededFuture();
    }
    Future<Buffer> next = i + 1 < blocks.size() ? streams.read(blocks.get(i + 1)) : null;
    return current
        .compose(block -> context.executeBlocking(() -> keys.addAndGet(CheckpointCodec.decode(block, cut, builder)),
            true))
        .compose(v -> readFrom(blocks, i + 1, next, cut, builder, keys));
  }
}
