package io.stampede.stream.manager;

import io.stampede.raft.ReplicatedState;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts {@link StreamMetadata} to Raft: applies {@link StreamCommand}s from the log (encoded by
 * {@link StreamCommand#encode()}; the reply is empty), answers the one query, a read barrier
 * ({@link #SYNC}, empty reply), and snapshots the metadata. Not thread-safe:
 * {@link io.stampede.raft.ReplicatedPeer} serializes every call, local reads included.
 *
 * <p>Snapshot format, big-endian: magic {@code "SMSN"} (i32 0x534d534e), i32 format version,
 * i64 extent counter, i32 command count, then per command i32 length + the encoded command; the
 * commands are {@link StreamMetadata#toCommands()}. Version 2 (written now) may hold
 * DeleteStream commands (deleted streams); version 1 (read still) has none, the layout is the same.
 */
public final class StreamManagerStateMachine implements ReplicatedState {
  private static final Logger log = LoggerFactory.getLogger(StreamManagerStateMachine.class);
  /** The read-barrier query. */
  public static final byte[] SYNC = {'S'};
  static final int SNAPSHOT_MAGIC = 0x534d534e;
  static final int SNAPSHOT_VERSION = 2;
  /** The oldest snapshot version this code reads. */
  static final int SNAPSHOT_VERSION_MIN = 1;
  private static final byte[] EMPTY = {};

  private final String logId;
  private StreamMetadata metadata = new StreamMetadata();
  private long commandsApplied;

  public StreamManagerStateMachine(String logId) {
    this.logId = logId;
  }

  /** The metadata as this peer applied it (possibly behind the leader's). */
  public StreamMetadata metadata() {
    return metadata;
  }

  /** Commands this peer applied since it started (replayed ones included). */
  public long commandsApplied() {
    return commandsApplied;
  }

  @Override
  public byte[] apply(byte[] command) {
    StreamCommand c;
    try {
      c = StreamCommand.decode(command);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IllegalArgumentException(logId + " not a stream command: " + e, e);
    }
    metadata.apply(c);
    commandsApplied++;
    return EMPTY;
  }

  @Override
  public byte[] query(byte[] query) {
    if (query.length != 1 || query[0] != SYNC[0]) {
      throw new IllegalArgumentException(logId + " unknown stream manager query");
    }
    return EMPTY;
  }

  @Override
  public byte[] snapshot() {
    List<byte[]> commands = metadata.toCommands().stream().map(StreamCommand::encode).toList();
    int size = 20 + commands.stream().mapToInt(c -> 4 + c.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size)
        .putInt(SNAPSHOT_MAGIC).putInt(SNAPSHOT_VERSION)
        .putLong(metadata.extentCounter()).putInt(commands.size());
    commands.forEach(c -> b.putInt(c.length).put(c));
    return b.array();
  }

  @Override
  public void restore(byte[] snapshot) {
    StreamMetadata restored = new StreamMetadata();
    try {
      ByteBuffer b = ByteBuffer.wrap(snapshot);
      int magic = b.getInt();
      int version = b.getInt();
      if (magic != SNAPSHOT_MAGIC || version < SNAPSHOT_VERSION_MIN || version > SNAPSHOT_VERSION) {
        throw new IllegalStateException(logId + " stream manager snapshot magic/version "
            + Integer.toHexString(magic) + "/" + version + " unknown");
      }
      long counter = b.getLong();
      int count = b.getInt();
      List<StreamCommand> commands = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] c = new byte[b.getInt()];
        b.get(c);
        commands.add(StreamCommand.decode(c));
      }
      commands.forEach(restored::apply);
      restored.raiseExtentCounter(counter);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IllegalStateException(logId + " cannot read its stream manager snapshot", e);
    }
    metadata = restored;
    log.info("{} restored {} streams, {} extents, {} nodes, {} deleted streams", logId,
        metadata.streams().size(), metadata.extents().size(), metadata.nodes().size(),
        metadata.deletedStreams());
  }
}
