package io.stampede.partition.checkpoint;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.index.IndexSnapshot;
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

/**
 * Writes and reads the checkpoints of range partitions ({@link CheckpointCodec}): encoding and
 * decoding run on worker threads, never on the event loop. Writes go through the owner's
 * writers of the checkpoint streams ({@link OwnedStreams}), so a server that lost the range can
 * no longer add a checkpoint.
 */
public final class CheckpointStore {
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

  /** Writes {@code snapshot} as range {@code id}'s latest checkpoint; completes once its descriptor is durable. */
  public Future<CheckpointDescriptor> write(PartitionId id, IndexSnapshot snapshot, long nowMs) {
    return context.executeBlocking(() -> CheckpointCodec.encode(snapshot, streams.blockBytesMax()), false)
        .compose(encoded -> appendAll(dataStream(id), encoded.blocks(), 0, new ArrayList<>())
            .compose(pointers -> {
              CheckpointDescriptor d = new CheckpointDescriptor(pointers, snapshot.position(), snapshot.records(),
                  encoded.keys(), snapshot.freedStreams(), nowMs);
              Buffer block = CheckpointCodec.encode(d);
              if (block.length() > streams.blockBytesMax()) {
                return Future.failedFuture(new PartitionException(PartitionErrorCode.INTERNAL,
                    id + " checkpoint descriptor of " + block.length() + " bytes is over a block"));
              }
              return owned.append(metaStream(id), List.of(block)).map(d);
            }));
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
      return context.executeBlocking(() -> builder.build(d.logPosition(), d.records(), d.freedStreams()), true);
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
