package io.stampede.partition.checkpoint;

import static io.stampede.partition.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.proto.storage.CheckpointBlockMsg;
import io.stampede.proto.storage.CheckpointDescriptorMsg;
import io.stampede.stream.api.ExtentPointer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.stampede.stream.client.OwnedStreams;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {
  private static final int BLOCK = 700;
  private final Vertx vertx = Vertx.vertx();
  private final InMemoryStreamClient streams = new InMemoryStreamClient(BLOCK);
  private final CheckpointStore store = new CheckpointStore(new OwnedStreams(streams),
      vertx.getOrCreateContext());
  private final PartitionId id = PartitionId.of("p1");

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private static ExtentPointer ptr(int i) {
    return new ExtentPointer(ExtentId.of("e" + i), i * 100L, 100 + i);
  }

  private static ObjectInfo info(String key, String versionId, long size, boolean marker) {
    return new ObjectInfo("b", key, size, "etag-" + key, 1000 + size, "text/plain", Map.of("Cache-Control", "no"),
        Map.of("color", "red"), versionId, marker,
        marker ? Optional.empty() : Optional.of(StoredChecksum.fullObject(ChecksumAlgorithm.CRC32C, new byte[] {1, 2, 3, 4})),
        Map.of("t", "v"), 0, false);
  }

  /** An index with every kind of entry: versions, "null" versions, delete markers, multipart objects, uploads. */
  static ObjectIndex richIndex() {
    ObjectIndex index = new ObjectIndex();
    int at = 0;
    for (int k = 0; k < 30; k++) {
      String key = "k" + k;
      index.apply(new CommitLogRecord.Put(info(key, "v" + k + "a", k + 1, false), List.of(ptr(k), ptr(k + 1))),
          ptr(at++));
      if (k % 3 == 0) {
        index.apply(new CommitLogRecord.Put(info(key, "null", 7, false), List.of(ptr(k))), ptr(at++));
      }
      if (k % 5 == 0) {
        index.apply(new CommitLogRecord.Put(info(key, "v" + k + "m", 0, true), List.of()), ptr(at++));
      }
    }
    index.apply(new CommitLogRecord.TagsSet("b", "k4", "v4a", Map.of("x", "y")), ptr(at++));
    for (String key : List.of("big", "k7", "zz")) {
      for (int u = 0; u < 2; u++) {
        String uploadId = key + "-u" + u;
        UploadInfo upload = new UploadInfo("b", key, uploadId, 5000 + u, Optional.of(ChecksumAlgorithm.CRC32),
            ChecksumType.COMPOSITE);
        index.apply(new CommitLogRecord.UploadCreated(upload, info(key, "null", 0, false), "p1.mpu." + uploadId),
            ptr(at++));
        for (int n = 1; n <= 20; n++) {
          index.apply(new CommitLogRecord.PartPut("b", key, uploadId, new ObjectPart(n, 10L * n, "pe" + n, 77, "c" + n),
              List.of(ptr(n), ptr(n + 50))), ptr(at++));
        }
      }
    }
    index.apply(new CommitLogRecord.UploadCompleted("b", "big", "big-u0", info("big", "vbig", 2100, false),
        IntStream.rangeClosed(1, 20).boxed().toList()), ptr(at++));
    return index;
  }

  @Test
  void roundTripsEveryFieldThroughTheStreams() {
    IndexSnapshot before = richIndex().snapshot();
    before = new IndexSnapshot(before.versions(), before.uploads(), before.position(), before.records(),
        List.of("p1.mpu.gone"));
    CheckpointDescriptor d = await(store.write(id, before, 123));
    assertThat(d.blocks().size()).as("small blocks: many of them").isGreaterThan(10);
    assertThat(streams.blockCount(CheckpointStore.metaStream(id))).isEqualTo(1);

    CheckpointDescriptor latest = await(store.latest(id)).orElseThrow();
    assertThat(latest).isEqualTo(d);
    assertThat(latest.keys()).isEqualTo(32);
    assertThat(latest.createdMs()).isEqualTo(123);
    IndexSnapshot after = await(store.read(latest, KeyRange.ALL));
    assertThat(after).isEqualTo(before);
    assertThat(after.versions().get(IndexKey.of("b", "big")).get(0).parts()).hasSize(20);
    assertThat(after.uploads().get(IndexKey.of("b", "k7")).get(1).parts()).hasSize(20);
    assertThat(ObjectIndex.restore(after).snapshot()).isEqualTo(before);
  }

  @Test
  void theLatestDescriptorWinsAndReadingCutsToARange() {
    ObjectIndex index = richIndex();
    await(store.write(id, IndexSnapshot.empty(), 1));
    await(store.write(id, index.snapshot(), 2));
    CheckpointDescriptor latest = await(store.latest(id)).orElseThrow();
    assertThat(latest.createdMs()).isEqualTo(2);
    KeyRange cut = KeyRange.of(IndexKey.of("b", "k2"), IndexKey.of("b", "k5"));
    IndexSnapshot part = await(store.read(latest, cut));
    assertThat(part.versions()).isEqualTo(index.snapshot().cut(cut).versions());
    assertThat(part.versions().keySet()).allMatch(cut::contains).isNotEmpty();
    assertThat(part.uploads()).isEqualTo(index.cut(cut).snapshot().uploads());
    assertThat(await(store.latest(PartitionId.of("none")))).isEmpty();
  }

  @Test
  void anEmptyIndexHasNoBlocksAndEveryBlockFits() {
    assertThat(CheckpointCodec.encode(IndexSnapshot.empty(), BLOCK).blocks()).isEmpty();
    for (Buffer b : CheckpointCodec.encode(richIndex().snapshot(), BLOCK).blocks()) {
      assertThat(b.length()).isLessThanOrEqualTo(BLOCK);
    }
  }

  @Test
  void aKeyWithManyVersionsSpreadsOverBlocksAndReadsBackWhole() {
    ObjectIndex index = new ObjectIndex();
    for (int i = 0; i < 200; i++) {
      index.apply(new CommitLogRecord.Put(info("hot", String.format("v%04d", i), 5, false), List.of(ptr(i))), ptr(i));
    }
    IndexSnapshot before = index.snapshot();
    CheckpointCodec.Encoded encoded = CheckpointCodec.encode(before, BLOCK);
    assertThat(encoded.blocks()).hasSizeGreaterThan(3);
    SnapshotBuilder builder = new SnapshotBuilder();
    long keys = 0;
    for (Buffer b : encoded.blocks()) {
      assertThat(b.length()).isLessThanOrEqualTo(BLOCK);
      keys += CheckpointCodec.decode(b, KeyRange.ALL, builder);
    }
    assertThat(builder.build(Optional.empty(), 0, List.of()).versions()).isEqualTo(before.versions());
    assertThat(keys).isEqualTo(encoded.keys());
  }

  @Test
  void refusesAnUnknownFormatVersion() {
    Buffer future = Buffer.buffer(CheckpointBlockMsg.newBuilder().setFormatVersion(2).build().toByteArray());
    assertThatThrownBy(() -> CheckpointCodec.decode(future, KeyRange.ALL, new SnapshotBuilder()))
        .isInstanceOf(PartitionException.class).hasMessageContaining("format 2");
    List<ExtentPointer> none = new ArrayList<>();
    CheckpointDescriptor d = new CheckpointDescriptor(none, Optional.of(ptr(3)), 4, 0, List.of("s"), 5);
    assertThat(CheckpointCodec.decodeDescriptor(CheckpointCodec.encode(d))).isEqualTo(d);
  }

  private static Buffer hex(String hex) {
    return Buffer.buffer(HexFormat.of().parseHex(hex));
  }

  @Test
  void readsACheckpointAsFormatVersion1WroteIt() {
    CheckpointDescriptor d = CheckpointCodec.decodeDescriptor(hex(CheckpointFormatV1.DESCRIPTOR_HEX));
    assertThat(d).isEqualTo(CheckpointFormatV1.descriptor(CheckpointFormatV1.BLOCKS_HEX.size()));
    SnapshotBuilder builder = new SnapshotBuilder();
    long keys = 0;
    for (String block : CheckpointFormatV1.BLOCKS_HEX) {
      keys += CheckpointCodec.decode(hex(block), KeyRange.ALL, builder);
    }
    assertThat(keys).isEqualTo(d.keys());
    assertThat(builder.build(d.logPosition(), d.records(), d.freedStreams())).isEqualTo(CheckpointFormatV1.snapshot());
    assertThat(CheckpointCodec.decodeDescriptor(hex(CheckpointFormatV1.EMPTY_DESCRIPTOR_HEX)))
        .isEqualTo(CheckpointFormatV1.EMPTY_DESCRIPTOR);
  }

  @Test
  void readsAVersion1CheckpointCutToARange() {
    SnapshotBuilder builder = new SnapshotBuilder();
    KeyRange cut = KeyRange.of(CheckpointFormatV1.KEY_BIG, CheckpointFormatV1.KEY_Z);
    long keys = 0;
    for (String block : CheckpointFormatV1.BLOCKS_HEX) {
      keys += CheckpointCodec.decode(hex(block), cut, builder);
    }
    assertThat(keys).as("every key is counted, also those cut away").isEqualTo(3);
    IndexSnapshot expected = CheckpointFormatV1.snapshot();
    assertThat(builder.build(expected.position(), expected.records(), expected.freedStreams()))
        .isEqualTo(expected.cut(cut));
  }

  @Test
  void writesACheckpointAsFormatVersion1Did() throws Exception {
    // The same blocks with the same fields and values (map entries come in any order), so a build
    // reading only the first storage messages reads what this one writes.
    CheckpointCodec.Encoded encoded = CheckpointCodec.encode(CheckpointFormatV1.snapshot(), CheckpointFormatV1.BLOCK_BYTES);
    assertThat(encoded.keys()).isEqualTo(3);
    assertThat(encoded.blocks()).hasSize(CheckpointFormatV1.BLOCKS_HEX.size());
    for (int i = 0; i < encoded.blocks().size(); i++) {
      CheckpointBlockMsg v1 = CheckpointBlockMsg.parseFrom(hex(CheckpointFormatV1.BLOCKS_HEX.get(i)).getBytes());
      assertThat(CheckpointBlockMsg.parseFrom(encoded.blocks().get(i).getBytes())).as("block " + i).isEqualTo(v1);
      assertThat(v1.getUnknownFields().asMap()).isEmpty();
    }
    CheckpointDescriptor d = CheckpointFormatV1.descriptor(encoded.blocks().size());
    assertThat(CheckpointCodec.encode(d).getBytes()).isEqualTo(HexFormat.of().parseHex(CheckpointFormatV1.DESCRIPTOR_HEX));
    assertThat(CheckpointDescriptorMsg.parseFrom(CheckpointCodec.encode(CheckpointFormatV1.EMPTY_DESCRIPTOR).getBytes()))
        .isEqualTo(CheckpointDescriptorMsg.parseFrom(hex(CheckpointFormatV1.EMPTY_DESCRIPTOR_HEX).getBytes()));
  }

  @Test
  void theVersion1CheckpointRoundTripsThroughTheStreams() {
    IndexSnapshot before = CheckpointFormatV1.snapshot();
    CheckpointDescriptor d = await(store.write(id, before, 9));
    assertThat(await(store.read(await(store.latest(id)).orElseThrow(), KeyRange.ALL))).isEqualTo(before);
    assertThat(d.keys()).isEqualTo(3);
  }
}
