package io.stampede.partition.checkpoint;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.partition.index.ObjectVersion;
import io.stampede.partition.index.StoredPart;
import io.stampede.partition.index.StoredUpload;
import io.stampede.partition.log.StoredRecords;
import io.stampede.proto.storage.CheckpointBlockMsg;
import io.stampede.proto.storage.CheckpointDescriptorMsg;
import io.stampede.proto.storage.CheckpointKeyMsg;
import io.stampede.proto.storage.CheckpointPartMsg;
import io.stampede.proto.storage.CheckpointUploadMsg;
import io.stampede.proto.storage.CheckpointVersionMsg;
import io.stampede.proto.storage.StoredPointerMsg;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checkpoint format. A checkpoint is a run of data blocks in the stream {@code <id>.ckpt}
 * followed by one descriptor block in {@code <id>.meta}; it exists once the descriptor is
 * appended, and the last descriptor of {@code <id>.meta} is the range's latest checkpoint. Each
 * block is one protobuf message of storage.proto, which embeds no RPC message
 * ({@link StoredRecords} maps the values), of at most the stream layer's block size:
 *
 * <pre>
 *   CheckpointBlockMsg (data block)
 *     format_version = 1        uint32; readers refuse versions they do not know
 *     keys[]                    in index-key order; a key may continue in the next entry or block
 *       index_key
 *       versions[]              newest first: {continued, info (StoredObjectInfoMsg), blob[]
 *                               (StoredPointerMsg), parts[] (StoredPartMsg), own_stream};
 *                               continued = more blob pointers and parts of the previous version
 *       uploads[]               in order of initiation: {continued, upload (StoredUploadMsg),
 *                               template (StoredObjectInfoMsg), blob_stream,
 *                               parts[] {part, blob[]}}; continued = more parts of the previous upload
 *   CheckpointDescriptorMsg (meta block)
 *     format_version = 1
 *     blocks[]                  StoredPointerMsg of the data blocks, in order
 *     log_position              StoredPointerMsg of the last <id>.log record included; absent: none
 *     records, keys             records of <id>.log included; index keys (checked on reading)
 *     freed_streams[]           streams freed by included records, maybe not yet deleted
 *     created_ms
 *     closed_buckets[]          key spaces of deleted buckets closed in the range
 * </pre>
 *
 * Fields and kinds may only be added; version 1 is the first. Version 1 checkpoints were first
 * written from messages of partition.proto (ObjectInfoMsg, UploadMsg, ObjectPartMsg,
 * BlobPointerMsg) with the same field numbers and types, so they read the same;
 * CheckpointCodecTest keeps the bytes of such a checkpoint.
 */
public final class CheckpointCodec {
  public static final int FORMAT_VERSION = 1;
  /** Bytes a block needs beyond its entries' own sizes, counted generously: tags and lengths. */
  private static final int FRAME_BYTES = 16;

  private CheckpointCodec() {}

  /** An encoded snapshot: its data blocks and how many index keys they hold. */
  public record Encoded(List<Buffer> blocks, long keys) {}

  /** The snapshot's content in blocks of at most {@code blockBytesMax} bytes (none for an empty index). */
  public static Encoded encode(IndexSnapshot snapshot, int blockBytesMax) {
    Blocks out = new Blocks(blockBytesMax);
    KeyIterator keys = new KeyIterator(snapshot);
    long count = 0;
    while (keys.hasNext()) {
      String key = keys.next();
      count++;
      out.startKey(key);
      for (ObjectVersion v : snapshot.versions().getOrDefault(key, List.of())) {
        for (CheckpointVersionMsg piece : versionPieces(v, out.itemBytesMax())) {
          out.add(piece.getSerializedSize(), b -> b.addVersions(piece));
        }
      }
      for (StoredUpload u : snapshot.uploads().getOrDefault(key, List.of())) {
        for (CheckpointUploadMsg piece : uploadPieces(u, out.itemBytesMax())) {
          out.add(piece.getSerializedSize(), b -> b.addUploads(piece));
        }
      }
    }
    return new Encoded(out.finish(), count);
  }

  /** A version in pieces that each fit {@code max} bytes: the first holds the info. */
  static List<CheckpointVersionMsg> versionPieces(ObjectVersion v, int max) {
    List<CheckpointVersionMsg> pieces = new ArrayList<>();
    CheckpointVersionMsg.Builder b = CheckpointVersionMsg.newBuilder().setInfo(StoredRecords.toStored(v.info()))
        .setOwnStream(v.ownStream());
    int size = b.build().getSerializedSize();
    if (size > max) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "version " + v.versionId() + " of "
          + v.info().key() + " has metadata of " + size + " bytes, over a checkpoint block");
    }
    for (StoredPointerMsg p : StoredRecords.toStoredPointers(v.blob())) {
      int add = p.getSerializedSize() + FRAME_BYTES;
      if (size + add > max) {
        pieces.add(b.build());
        b = CheckpointVersionMsg.newBuilder().setContinued(true);
        size = 0;
      }
      b.addBlob(p);
      size += add;
    }
    for (var part : v.parts()) {
      var msg = StoredRecords.toStored(part);
      int add = msg.getSerializedSize() + FRAME_BYTES;
      if (size + add > max) {
        pieces.add(b.build());
        b = CheckpointVersionMsg.newBuilder().setContinued(true);
        size = 0;
      }
      b.addParts(msg);
      size += add;
    }
    pieces.add(b.build());
    return pieces;
  }

  static List<CheckpointUploadMsg> uploadPieces(StoredUpload u, int max) {
    List<CheckpointUploadMsg> pieces = new ArrayList<>();
    CheckpointUploadMsg.Builder b = CheckpointUploadMsg.newBuilder().setUpload(StoredRecords.toStored(u.info()))
        .setTemplate(StoredRecords.toStored(u.template())).setBlobStream(u.blobStream());
    int size = b.build().getSerializedSize();
    for (StoredPart p : u.parts()) {
      CheckpointPartMsg msg = CheckpointPartMsg.newBuilder().setPart(StoredRecords.toStored(p.part()))
          .addAllBlob(StoredRecords.toStoredPointers(p.blob())).build();
      int add = msg.getSerializedSize() + FRAME_BYTES;
      if (add > max) {
        throw new PartitionException(PartitionErrorCode.INTERNAL, "part " + p.part().partNumber() + " of upload "
            + u.info().uploadId() + " is over a checkpoint block");
      }
      if (size + add > max) {
        pieces.add(b.build());
        b = CheckpointUploadMsg.newBuilder().setContinued(true);
        size = 0;
      }
      b.addParts(msg);
      size += add;
    }
    pieces.add(b.build());
    return pieces;
  }

  /**
   * Adds the content of one data block to {@code into}, keeping only keys of {@code range};
   * returns the index keys the block starts (a key continued from the previous block is not
   * counted again). Fails INTERNAL on a corrupt block or an unknown format version.
   */
  static long decode(Buffer block, KeyRange range, SnapshotBuilder into) {
    CheckpointBlockMsg m;
    try {
      m = CheckpointBlockMsg.parseFrom(block.getBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "corrupt checkpoint block", e);
    }
    checkVersion(m.getFormatVersion(), "checkpoint block");
    long newKeys = 0;
    for (CheckpointKeyMsg k : m.getKeysList()) {
      if (into.startKey(k.getIndexKey())) {
        newKeys++;
      }
      if (!range.contains(k.getIndexKey())) {
        continue;
      }
      k.getVersionsList().forEach(v -> into.version(k.getIndexKey(), v));
      k.getUploadsList().forEach(u -> into.upload(k.getIndexKey(), u));
    }
    return newKeys;
  }

  public static Buffer encode(CheckpointDescriptor d) {
    CheckpointDescriptorMsg.Builder b = CheckpointDescriptorMsg.newBuilder()
        .setFormatVersion(FORMAT_VERSION)
        .addAllBlocks(StoredRecords.toStoredPointers(d.blocks()))
        .setRecords(d.records())
        .setKeys(d.keys())
        .addAllFreedStreams(d.freedStreams())
        .setCreatedMs(d.createdMs())
        .addAllClosedBuckets(d.closedBuckets().stream().sorted().toList());
    d.logPosition().ifPresent(p -> b.setLogPosition(StoredRecords.toStored(p)));
    return Buffer.buffer(b.build().toByteArray());
  }

  public static CheckpointDescriptor decodeDescriptor(Buffer block) {
    CheckpointDescriptorMsg m;
    try {
      m = CheckpointDescriptorMsg.parseFrom(block.getBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new PartitionException(PartitionErrorCode.INTERNAL, "corrupt checkpoint descriptor", e);
    }
    checkVersion(m.getFormatVersion(), "checkpoint descriptor");
    Optional<io.stampede.stream.api.ExtentPointer> position = m.hasLogPosition()
        ? Optional.of(StoredRecords.fromStored(m.getLogPosition())) : Optional.empty();
    return new CheckpointDescriptor(StoredRecords.fromStoredPointers(m.getBlocksList()), position, m.getRecords(),
        m.getKeys(), m.getFreedStreamsList(), m.getCreatedMs(), Set.copyOf(m.getClosedBucketsList()));
  }

  private static void checkVersion(int version, String what) {
    if (version != FORMAT_VERSION) {
      throw new PartitionException(PartitionErrorCode.INTERNAL,
          what + " format " + version + " unknown (this build reads " + FORMAT_VERSION + ")");
    }
  }

  /** The index keys of versions and of uploads, merged in order. */
  private static final class KeyIterator {
    private final java.util.Iterator<String> a;
    private final java.util.Iterator<String> b;
    private String nextA;
    private String nextB;

    KeyIterator(IndexSnapshot s) {
      a = s.versions().keySet().iterator();
      b = s.uploads().keySet().iterator();
      nextA = a.hasNext() ? a.next() : null;
      nextB = b.hasNext() ? b.next() : null;
    }

    boolean hasNext() {
      return nextA != null || nextB != null;
    }

    String next() {
      String key;
      if (nextB == null || (nextA != null && IndexKey.compare(nextA, nextB) <= 0)) {
        key = nextA;
      } else {
        key = nextB;
      }
      if (key.equals(nextA)) {
        nextA = a.hasNext() ? a.next() : null;
      }
      if (key.equals(nextB)) {
        nextB = b.hasNext() ? b.next() : null;
      }
      return key;
    }
  }

  /** Cuts entries into blocks. */
  private static final class Blocks {
    private final int blockBytesMax;
    private final List<Buffer> blocks = new ArrayList<>();
    private CheckpointBlockMsg.Builder block;
    private CheckpointKeyMsg.Builder key;
    private int blockBytes;
    private int keyBytes;

    Blocks(int blockBytesMax) {
      this.blockBytesMax = blockBytesMax;
    }

    /**
     * The largest entry that fits a block next to the current key's index key alone: what a new
     * block, continuing the key, can take ({@link #add} starts one when the entry does not fit
     * the current block). Never the key's entries so far, which would shrink with every version.
     */
    int itemBytesMax() {
      return blockBytesMax - 4 * FRAME_BYTES
          - CheckpointKeyMsg.newBuilder().setIndexKey(key.getIndexKey()).build().getSerializedSize();
    }

    void startKey(String indexKey) {
      closeKey();
      key = CheckpointKeyMsg.newBuilder().setIndexKey(indexKey);
      keyBytes = key.build().getSerializedSize() + FRAME_BYTES;
    }

    void add(int bytes, java.util.function.Consumer<CheckpointKeyMsg.Builder> adder) {
      int add = bytes + FRAME_BYTES;
      if (blockBytes + keyBytes + add > blockBytesMax - FRAME_BYTES) {
        String indexKey = key.getIndexKey();
        closeKey();
        flush();
        startKey(indexKey);
      }
      adder.accept(key);
      keyBytes += add;
    }

    private void closeKey() {
      if (key == null) {
        return;
      }
      if (block == null) {
        block = CheckpointBlockMsg.newBuilder().setFormatVersion(FORMAT_VERSION);
        blockBytes = FRAME_BYTES;
      }
      block.addKeys(key);
      blockBytes += keyBytes;
      key = null;
    }

    private void flush() {
      if (block != null) {
        blocks.add(Buffer.buffer(block.build().toByteArray()));
        block = null;
        blockBytes = 0;
      }
    }

    List<Buffer> finish() {
      closeKey();
      flush();
      return blocks;
    }
  }
}
