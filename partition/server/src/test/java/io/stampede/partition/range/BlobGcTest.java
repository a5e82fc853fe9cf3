package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.gc.GcPass;
import io.stampede.partition.index.ObjectVersion;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.GatedStreamClient;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection of a range's blob stream on the in-memory stream layer (extents of four
 * blocks, so they seal often): dead extents are dropped, mostly dead ones rewritten first, reads
 * stay byte-identical before and after a reload, and a pass cut short by a lost commit-log ack
 * (the crash case: the move may or may not be durable) loses nothing and drops nothing.
 */
class BlobGcTest {
  private static final int BLOCK = 1000;
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient memory = new InMemoryStreamClient(BLOCK, 4);
  private final GatedStreamClient streams = new GatedStreamClient(memory);
  private final Clock clock = TestRanges.CLOCK;
  private final PartitionId id = PartitionId.of("p0");
  private final StreamId blob = RangePartition.blobStream(id);
  /** What every live key must read back as. */
  private final Map<String, byte[]> expected = new LinkedHashMap<>();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private RangePartition load() {
    return TestRanges.load(PartitionEntry.of(id, KeyRange.ALL, null),
        TestRanges.services(streams, clock, new Random(7), s -> { }, context));
  }

  private void put(RangePartition p, String key, int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    await(p.putObject(new PutObjectRequest("b", key, size, "t", Map.of(), Map.of()), BytesBody.of(context, data)));
    expected.put(key, data);
  }

  private void delete(RangePartition p, String key) {
    await(p.deleteObject(DeleteObjectRequest.of("b", key)));
    expected.remove(key);
  }

  private void assertReadsBack(RangePartition p) {
    expected.forEach((key, data) -> assertArrayEquals(data,
        readAll(await(p.getObject(ObjectRef.latest("b", key), Optional.empty())).body()).getBytes(), key));
  }

  /** Bytes of the blob stream's sealed extents (all but the last). */
  private long sealedBytes() {
    StreamInfo s = await(memory.describe(blob));
    return s.extents().stream().filter(ExtentInfo::sealed).mapToLong(ExtentInfo::sealedLength).sum();
  }

  /** One key overwritten many times, many small keys mostly deleted. */
  private void churn(RangePartition p) {
    for (int i = 0; i < 12; i++) {
      put(p, "big", 2500, i);
    }
    for (int i = 0; i < 40; i++) {
      put(p, "small-" + i, 300, 100 + i);
    }
    for (int i = 0; i < 40; i++) {
      if (i % 10 != 0) {
        delete(p, "small-" + i);
      }
    }
    put(p, "last", 100, 999);
  }

  @Test
  void dropsDeadExtentsRewritesMostlyDeadOnesAndReadsStayIdentical() {
    RangePartition p = load();
    churn(p);
    long before = sealedBytes();
    GcPass pass = await(p.collectGarbage());
    assertEquals(before, pass.sealedBytes());
    assertTrue(pass.droppedExtents() > 0, "dead extents dropped: " + pass);
    assertTrue(pass.rewrittenBytes() > 0, "live blocks of mostly dead extents copied first: " + pass);
    assertTrue(pass.garbageRatio() > 0.5, "the churn left mostly garbage: " + pass);
    assertReadsBack(p);

    GcPass second = await(p.collectGarbage());
    long live = second.sealedLiveBytes();
    assertTrue(second.sealedBytes() < before / 2, "stored bytes fell: " + before + " -> " + second);
    assertTrue(second.garbageRatio() < 0.5, "after a pass every sealed extent is at least half live: " + second);
    assertTrue(live <= second.sealedBytes());
    assertReadsBack(p);

    // the moves are in the commit log: a new load (a restart) reads the same bytes
    RangePartition reloaded = load();
    assertReadsBack(reloaded);
    await(reloaded.checkpointer().write());
    assertReadsBack(load());
  }

  @Test
  void oldCheckpointsAreDroppedAndTheLatestStillLoads() {
    RangePartition p = load();
    for (int i = 0; i < 12; i++) {
      put(p, "k" + i, 1500, i);
      await(p.checkpointer().write());
    }
    StreamId data = CheckpointStore.dataStream(id);
    StreamId meta = CheckpointStore.metaStream(id);
    assertTrue(memory.appended.get(meta).get() == 12 && memory.appended.get(data).get() >= 12);
    List<ExtentInfo> dataExtents = await(memory.describe(data)).extents();
    List<ExtentInfo> metaExtents = await(memory.describe(meta)).extents();
    assertTrue(dataExtents.stream().filter(ExtentInfo::sealed).count() <= 1, "old checkpoint extents dropped: "
        + dataExtents);
    assertTrue(metaExtents.stream().filter(ExtentInfo::sealed).count() <= 1, "old descriptors dropped: " + metaExtents);
    assertReadsBack(load());
  }

  @Test
  void aSplitChildCopiesItsSourcesBlocksForwardAndThenNeedsThemNoMore() {
    RangePartition parent = load();
    churn(parent);
    await(parent.close());
    long parentBlocks = memory.blockCount(blob);
    String middle = IndexKey.of("b", "small-3");
    RangePartition low = TestRanges.load(new PartitionEntry(PartitionId.of("p1"), KeyRange.of("", middle), null,
        List.of(id)), TestRanges.services(streams, clock, new Random(8), s -> { }, context));
    assertFalse(low.lastGc().ownBlobsOnly(), "nothing known before a pass");
    GcPass pass = await(low.collectGarbage());
    assertTrue(pass.ownBlobsOnly(), pass.toString());
    assertTrue(pass.rewrittenBytes() > 0, pass.toString());
    assertTrue(low.load().ownBlobsOnly(), "reported to the partition manager");
    assertEquals(parentBlocks, memory.blockCount(blob), "a child never drops its source's extents");
    for (ObjectVersion v : List.of(low.index().current(IndexKey.of("b", "big")).orElseThrow())) {
      assertTrue(v.blob().stream().allMatch(p -> p.extent().value().startsWith("p1.blob")), v.blob().toString());
    }
    Map<String, byte[]> mine = new LinkedHashMap<>();
    expected.forEach((k, data) -> {
      if (KeyRange.of("", middle).contains(IndexKey.of("b", k))) {
        mine.put(k, data);
      }
    });
    mine.forEach((key, data) -> assertArrayEquals(data,
        readAll(await(low.getObject(ObjectRef.latest("b", key), Optional.empty())).body()).getBytes(), key));
  }

  @Test
  void aMoveOfAVersionReplacedMeanwhileChangesNothing() {
    RangePartition p = load();
    put(p, "k", 1500, 1);
    ObjectVersion v = p.index().current(IndexKey.of("b", "k")).orElseThrow();
    ExtentPointer elsewhere = new ExtentPointer(v.blob().get(0).extent(), 99_999, 10);
    p.index().apply(new CommitLogRecord.Relocated("b", "k", v.versionId(), List.of(elsewhere), List.of(elsewhere)));
    assertEquals(v.blob(), p.index().current(IndexKey.of("b", "k")).orElseThrow().blob());
    assertReadsBack(p);
  }

  @Test
  void aPassCutShortByALostAckLosesNothingAndDropsNothing() {
    RangePartition p = load();
    churn(p);
    List<ExtentInfo> before = await(memory.describe(blob)).extents();
    // the first move's copy is held, then its Relocated record is stored but its ack lost
    streams.hold(s -> s.equals(blob));
    Future<GcPass> pass = p.collectGarbage();
    Awaitility.await("the pass copies live blocks").atMost(Duration.ofSeconds(10)).until(() -> streams.heldCount() > 0);
    memory.loseAcksOf = RangePartition.logStream(id);
    streams.release();
    Future<Boolean> failed = pass.transform(ar -> Future.succeededFuture(ar.failed()));
    assertTrue(await(failed), "the pass fails with its commit log");
    memory.loseAcksOf = null;
    assertTrue(p.broken());
    List<ExtentInfo> after = await(memory.describe(blob)).extents();
    assertTrue(after.stream().map(ExtentInfo::id).toList().containsAll(
        before.stream().filter(ExtentInfo::sealed).map(ExtentInfo::id).toList()), "nothing dropped");

    RangePartition reloaded = load();
    assertReadsBack(reloaded);
    GcPass again = await(reloaded.collectGarbage());
    assertTrue(again.droppedExtents() > 0, again.toString());
    assertReadsBack(reloaded);
    assertFalse(reloaded.broken());
  }
}
