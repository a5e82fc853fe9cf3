package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static io.stampede.partition.testkit.Await.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.Versioning;
import io.stampede.partition.api.WriteCondition;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.index.IndexSnapshot;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.log.CommitLogCodec;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.GatedStreamClient;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.partition.testkit.ManualClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Range partitions across loads: checkpoints, splits, merges, closing and broken logs. */
class RangeLifecycleTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient memory = new InMemoryStreamClient(2000, 7);
  private final GatedStreamClient streams = new GatedStreamClient(memory);
  private final ManualClock clock = ManualClock.atMillis(1_700_000_000_000L);
  private final List<StreamId> reclaimed = new CopyOnWriteArrayList<>();
  private final PartitionId parent = PartitionId.of("p0");
  private RangePartitionConfig config = new RangePartitionConfig(2, 300, 5, Duration.ofSeconds(5));

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private RangePartition load(PartitionId id, KeyRange range, PartitionId... sources) {
    return await(RangePartition.load(new PartitionEntry(id, range, null, List.of(sources)),
        new RangeServices(streams, config, clock, new IdGenerator(clock, new Random(id.hashCode())), reclaimed::add,
            context)));
  }

  private ObjectInfo put(RangePartition p, String key, String text) {
    byte[] data = text.getBytes();
    return await(put(p, key, text, Versioning.ENABLED, BytesBody.of(context, data)));
  }

  private Future<ObjectInfo> put(RangePartition p, String key, String text, Versioning v, BytesBody body) {
    return p.putObject(new PutObjectRequest("b", key, text.length(), "t", Map.of(), Map.of(), Map.of(), v,
        WriteCondition.NONE, Optional.empty()), body);
  }

  private static String read(RangePartition p, String key) {
    return readAll(await(p.getObject(ObjectRef.latest("b", key), Optional.empty())).body()).toString();
  }

  /** A range with versions, delete markers, removed versions, uploads in progress and done. */
  private RangePartition filled() {
    RangePartition p = load(parent, KeyRange.ALL);
    for (int i = 0; i < 20; i++) {
      put(p, "k" + (char) ('a' + i), "v1-" + i);
      if (i % 2 == 0) {
        put(p, "k" + (char) ('a' + i), "v2-" + i);
      }
      if (i % 5 == 0) {
        await(p.deleteObject(new DeleteObjectRequest("b", "k" + (char) ('a' + i), "", Versioning.ENABLED,
            Optional.empty())));
      }
    }
    UploadInfo u = await(p.createUpload(new CreateUploadRequest("b", "kq", "t", Map.of(), Map.of(), Map.of(),
        Optional.empty(), io.stampede.common.checksum.ChecksumType.FULL_OBJECT)));
    byte[] part = "part-one".getBytes();
    await(p.uploadPart(new UploadPartRequest(new UploadRef("b", "kq", u.uploadId()), 1, part.length),
        BytesBody.of(context, part)));
    return p;
  }

  /** The index rebuilt from the whole commit log, as before checkpoints existed. */
  private IndexSnapshot fullReplay(PartitionId id) {
    ObjectIndex index = new ObjectIndex();
    await(memory.replay(RangePartition.logStream(id), r -> index.apply(CommitLogCodec.decode(r.data()), r.pointer())));
    return index.snapshot();
  }

  private static IndexSnapshot content(IndexSnapshot s) {
    return new IndexSnapshot(s.versions(), s.uploads(), Optional.empty(), 0, List.of());
  }

  @Test
  void loadingFromACheckpointAndTheLogTailEqualsAFullReplay() {
    RangePartition p = filled();
    await(p.checkpointer().write()); // after the background ones still running
    assertThat(memory.appended.get(CheckpointStore.metaStream(parent)).get()).as("background checkpoints")
        .isGreaterThan(1);
    put(p, "tail", "after the last checkpoint");
    memory.extentsReplayed.clear();
    RangePartition again = load(parent, KeyRange.ALL);
    int logExtents = (memory.blockCount(RangePartition.logStream(parent)) + 6) / 7;
    assertThat(logExtents).isGreaterThan(4);
    assertThat(memory.extentsReplayed.get(RangePartition.logStream(parent)).get()).as("only the log's tail is replayed")
        .isLessThan(logExtents - 2);
    assertThat(content(again.index().snapshot())).isEqualTo(content(fullReplay(parent)));
    assertThat(again.index().position()).isEqualTo(p.index().position());
    assertThat(again.index().records()).isEqualTo(p.index().records());
    assertThat(read(again, "tail")).isEqualTo("after the last checkpoint");
  }

  @Test
  void theFirstLogRecordIsTheGenesis() {
    load(PartitionId.of("c1"), KeyRange.of("b/m", ""), parent);
    List<CommitLogRecord> records = new ArrayList<>();
    await(memory.replay(RangePartition.logStream(PartitionId.of("c1")), r -> records.add(CommitLogCodec.decode(r.data()))));
    assertThat(records).containsExactly(new CommitLogRecord.Genesis(KeyRange.of("b/m", ""), List.of(parent)));
  }

  @Test
  void splitChildrenStartFromTheParentCutToTheirRange() {
    RangePartition p = filled();
    put(p, "kz", "in the log tail only");
    await(p.close());
    IndexSnapshot whole = content(p.index().snapshot());
    String at = IndexKey.of("b", "kj");
    KeyRange low = KeyRange.of("", at);
    KeyRange high = KeyRange.of(at, "");
    RangePartition left = load(PartitionId.of("p1"), low, parent);
    RangePartition right = load(PartitionId.of("p2"), high, parent);
    assertThat(content(left.index().snapshot())).isEqualTo(whole.cut(low));
    assertThat(content(right.index().snapshot())).isEqualTo(whole.cut(high));
    assertThat(read(right, "kz")).isEqualTo("in the log tail only");
    assertThat(read(left, "kb")).isEqualTo("v1-1");
    assertThat(memory.blockCount(CheckpointStore.metaStream(PartitionId.of("p1")))).as("first checkpoint").isEqualTo(1);
    // the children never need the parent's index streams again
    await(memory.deleteStream(RangePartition.logStream(parent)));
    await(memory.deleteStream(CheckpointStore.metaStream(parent)));
    RangePartition rightAgain = load(PartitionId.of("p2"), high, parent);
    assertThat(content(rightAgain.index().snapshot())).isEqualTo(whole.cut(high));
    assertThat(await(rightAgain.listUploads(ListObjectsQuery.of("b", "", "", "", 10))).uploads()).hasSize(1);
  }

  @Test
  void aMergedRangeStartsFromBothSources() {
    String at = IndexKey.of("b", "m");
    RangePartition a = load(PartitionId.of("a"), KeyRange.of("", at));
    RangePartition b = load(PartitionId.of("b"), KeyRange.of(at, ""));
    for (int i = 0; i < 8; i++) {
      put(a, "a" + i, "A" + i);
      put(b, "x" + i, "B" + i);
    }
    await(a.close());
    await(b.close());
    RangePartition merged = load(PartitionId.of("ab"), KeyRange.ALL, PartitionId.of("a"), PartitionId.of("b"));
    assertThat(merged.load().keys()).isEqualTo(16);
    assertThat(read(merged, "a3")).isEqualTo("A3");
    assertThat(read(merged, "x7")).isEqualTo("B7");
    assertThat(await(merged.listObjects(ListObjectsQuery.of("b", "", "", "", 100))).objects()).hasSize(16);
  }

  @Test
  void closeWaitsForWritesInFlightAndItsCheckpointHoldsThem() {
    RangePartition p = load(parent, KeyRange.ALL);
    put(p, "before", "1");
    streams.hold(s -> s.equals(RangePartition.logStream(parent)));
    Future<ObjectInfo> inFlight = put(p, "during", "2", Versioning.UNVERSIONED, BytesBody.of(context, "2".getBytes()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.heldCount() == 1);
    Future<Void> closed = p.close();
    assertThat(failure(p.headObject(ObjectRef.latest("b", "before")))).isEqualTo(PartitionErrorCode.NOT_SERVING);
    assertThat(closed.isComplete()).isFalse();
    streams.release();
    await(closed);
    assertThat(await(inFlight).key()).isEqualTo("during");
    // the final checkpoint covers the whole log: a child needs nothing after it
    List<io.stampede.stream.api.ExtentPointer> log = new ArrayList<>();
    await(memory.replay(RangePartition.logStream(parent), r -> log.add(r.pointer())));
    CheckpointStore store = new CheckpointStore(new io.stampede.stream.client.OwnedStreams(memory), context);
    assertThat(await(store.latest(parent)).orElseThrow().logPosition()).contains(log.get(log.size() - 1));
    RangePartition child = load(PartitionId.of("c"), KeyRange.ALL, parent);
    assertThat(read(child, "during")).isEqualTo("2");
    assertThat(read(child, "before")).isEqualTo("1");
  }

  @Test
  void aWriteStillRunningAfterTheDrainTimeoutFails() {
    config = config.withDrainTimeout(Duration.ofMillis(50));
    RangePartition p = load(parent, KeyRange.ALL);
    BytesBody endless = new BytesBody(context, new byte[100], 10, -1);
    endless.pause();
    Future<ObjectInfo> stuck = p.putObject(new PutObjectRequest("b", "k", 200, "t", Map.of(), Map.of()), endless);
    await(p.close());
    endless.resume();
    assertThat(failure(stuck)).isIn(PartitionErrorCode.NOT_SERVING, PartitionErrorCode.INCOMPLETE_BODY);
    assertThat(failure(p.headObject(ObjectRef.latest("b", "k")))).isEqualTo(PartitionErrorCode.NOT_SERVING);
  }

  @Test
  void aFailedAppendBreaksTheRangeAndAReloadFindsTheRecordIfDurable() {
    RangePartition p = load(parent, KeyRange.ALL);
    AtomicInteger broken = new AtomicInteger();
    p.onBroken(broken::incrementAndGet);
    put(p, "k1", "one");
    memory.loseAcksOf = RangePartition.logStream(parent);
    assertThat(failure(put(p, "k2", "two", Versioning.UNVERSIONED, BytesBody.of(context, "two".getBytes()))))
        .isEqualTo(PartitionErrorCode.UNAVAILABLE);
    memory.loseAcksOf = null;
    assertThat(broken.get()).isEqualTo(1);
    assertThat(p.broken()).isTrue();
    assertThat(failure(p.headObject(ObjectRef.latest("b", "k1")))).isEqualTo(PartitionErrorCode.NOT_SERVING);
    assertThat(failure(put(p, "k3", "x", Versioning.UNVERSIONED, BytesBody.of(context, "x".getBytes()))))
        .isEqualTo(PartitionErrorCode.NOT_SERVING);
    int metaBefore = memory.blockCount(CheckpointStore.metaStream(parent));
    await(p.close());
    assertThat(memory.blockCount(CheckpointStore.metaStream(parent))).as("no checkpoint of a broken index")
        .isEqualTo(metaBefore);
    RangePartition again = load(parent, KeyRange.ALL);
    assertThat(read(again, "k2")).isEqualTo("two");
    assertThat(read(again, "k1")).isEqualTo("one");
  }

  @Test
  void aWriteWhoseAppendFailedSettledIsAnsweredWithTheErrorAndNeverShowsUp() {
    RangePartition p = load(parent, KeyRange.ALL);
    AtomicInteger broken = new AtomicInteger();
    p.onBroken(broken::incrementAndGet);
    put(p, "k1", "one");
    memory.failAppends = true;
    assertThat(failure(put(p, "k2", "two", Versioning.UNVERSIONED, BytesBody.of(context, "two".getBytes()))))
        .isEqualTo(PartitionErrorCode.UNAVAILABLE);
    assertThat(failure(p.deleteObject(new DeleteObjectRequest("b", "k1", "", Versioning.ENABLED, Optional.empty()))))
        .isEqualTo(PartitionErrorCode.UNAVAILABLE);
    memory.failAppends = false;
    assertThat(broken.get()).as("the log and the index agree: nothing to load again").isZero();
    put(p, "k3", "three");
    assertThat(read(p, "k1")).isEqualTo("one");
    assertThat(failure(p.headObject(ObjectRef.latest("b", "k2")))).isEqualTo(PartitionErrorCode.NO_SUCH_KEY);
    await(p.close());
    RangePartition again = load(parent, KeyRange.ALL);
    assertThat(read(again, "k1")).as("the failed delete never shows up").isEqualTo("one");
    assertThat(failure(again.headObject(ObjectRef.latest("b", "k2")))).as("nor the failed put")
        .isEqualTo(PartitionErrorCode.NO_SUCH_KEY);
    assertThat(read(again, "k3")).isEqualTo("three");
  }

  @Test
  void aTakeoverFencesTheOldOwnersUploadsInFlight() {
    RangePartition old = load(parent, KeyRange.ALL);
    put(old, "k1", "one");
    streams.hold(s -> s.equals(RangePartition.blobStream(parent)));
    Future<ObjectInfo> slow = put(old, "slow", "slow", Versioning.UNVERSIONED, BytesBody.of(context, "slow".getBytes()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.heldCount() == 1);
    // another server takes the range over (a failover: the old one never closed)
    RangePartition next = load(parent, KeyRange.ALL);
    streams.hold(s -> false);
    put(next, "k2", "two");
    streams.release();
    assertThat(failure(slow)).as("the old owner's upload is refused, retryably").isEqualTo(PartitionErrorCode.UNAVAILABLE);
    assertThat(failure(put(old, "k3", "three", Versioning.UNVERSIONED, BytesBody.of(context, "three".getBytes()))))
        .isEqualTo(PartitionErrorCode.UNAVAILABLE);
    assertThat(failure(old.deleteObject(new DeleteObjectRequest("b", "k1", "", Versioning.ENABLED,
        Optional.empty())))).isEqualTo(PartitionErrorCode.UNAVAILABLE);
    assertThat(old.broken()).as("its commit log was fenced").isTrue();
    assertThat(read(next, "k1")).isEqualTo("one");
    assertThat(read(next, "k2")).isEqualTo("two");
    RangePartition after = load(parent, KeyRange.ALL);
    assertThat(read(after, "k1")).as("the old owner's refused delete never shows up").isEqualTo("one");
    assertThat(read(after, "k2")).isEqualTo("two");
    assertThat(failure(after.headObject(ObjectRef.latest("b", "slow")))).isEqualTo(PartitionErrorCode.NO_SUCH_KEY);
    assertThat(failure(after.headObject(ObjectRef.latest("b", "k3")))).isEqualTo(PartitionErrorCode.NO_SUCH_KEY);
  }

  @Test
  void aCommitLogAppendCaughtByATakeoverIsNeverAcknowledgedNorReplayed() {
    RangePartition old = load(parent, KeyRange.ALL);
    put(old, "k1", "one");
    streams.hold(s -> s.equals(RangePartition.logStream(parent)));
    Future<ObjectInfo> late = put(old, "late", "late", Versioning.UNVERSIONED, BytesBody.of(context, "late".getBytes()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.heldCount() == 1);
    streams.hold(s -> false);
    RangePartition next = load(parent, KeyRange.ALL);
    put(next, "k2", "two");
    streams.release();
    assertThat(failure(late)).isEqualTo(PartitionErrorCode.UNAVAILABLE);
    assertThat(old.broken()).isTrue();
    RangePartition after = load(parent, KeyRange.ALL);
    assertThat(failure(after.headObject(ObjectRef.latest("b", "late")))).isEqualTo(PartitionErrorCode.NO_SUCH_KEY);
    assertThat(read(after, "k1")).isEqualTo("one");
    assertThat(read(after, "k2")).isEqualTo("two");
    assertThat(memory.epoch(RangePartition.logStream(parent))).as("three owners claimed the log").isEqualTo(3);
  }

  @Test
  void aPartInFlightAcrossASplitIsRefusedAndTheChildsUploadCompletesClean() {
    RangePartition old = load(parent, KeyRange.ALL);
    UploadInfo u = await(old.createUpload(new CreateUploadRequest("b", "mpu", "t", Map.of(), Map.of(), Map.of(),
        Optional.empty(), io.stampede.common.checksum.ChecksumType.FULL_OBJECT)));
    UploadRef ref = new UploadRef("b", "mpu", u.uploadId());
    ObjectPart first = await(old.uploadPart(new UploadPartRequest(ref, 1, 5), BytesBody.of(context, "one-1".getBytes())));
    streams.hold(s -> s.value().contains(".mpu."));
    Future<ObjectPart> slow = old.uploadPart(new UploadPartRequest(ref, 2, 5), BytesBody.of(context, "old-2".getBytes()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.heldCount() == 1);
    streams.hold(s -> false);
    // the range is split while the old server still writes (it never closed): the children fence it
    RangePartition left = load(PartitionId.of("l"), KeyRange.of("", "b/m"), parent);
    RangePartition right = load(PartitionId.of("r"), KeyRange.of("b/m", ""), parent);
    ObjectPart second = await(right.uploadPart(new UploadPartRequest(ref, 2, 5),
        BytesBody.of(context, "new-2".getBytes())));
    streams.release();
    assertThat(failure(slow)).isEqualTo(PartitionErrorCode.UNAVAILABLE);
    put(left, "a", "left side");
    ObjectInfo done = await(right.completeUpload(new CompleteUploadRequest(ref, List.of(
        new CompleteUploadRequest.Selected(1, first.etag()), new CompleteUploadRequest.Selected(2, second.etag())),
        1, Versioning.UNVERSIONED, WriteCondition.NONE)));
    assertThat(await(right.completeUpload(new CompleteUploadRequest(ref, List.of(
        new CompleteUploadRequest.Selected(1, first.etag()), new CompleteUploadRequest.Selected(2, second.etag())),
        1, Versioning.UNVERSIONED, WriteCondition.NONE))).etag())
        .as("a completion repeated after it succeeded answers the same").isEqualTo(done.etag());
    // merged back while the children still run (the merge fences them): the object holds the new
    // part, never the fenced one
    load(PartitionId.of("m"), KeyRange.ALL, PartitionId.of("l"), PartitionId.of("r"));
    await(right.close());
    await(left.close());
    RangePartition again = load(PartitionId.of("m"), KeyRange.ALL, PartitionId.of("l"), PartitionId.of("r"));
    assertThat(read(again, "mpu")).isEqualTo("one-1new-2");
    assertThat(read(again, "a")).isEqualTo("left side");
  }

  @Test
  void replaySkipsARecordOfAStaleEpochWrittenAfterANewerOne() {
    RangePartition first = load(parent, KeyRange.ALL);
    put(first, "k1", "one");
    RangePartition second = load(parent, KeyRange.ALL);
    put(second, "k2", "two");
    // as if the first owner's record had landed after the second began (fencing prevents it)
    io.stampede.stream.api.StreamWriter forger = await(memory.claim(RangePartition.logStream(parent)));
    ObjectInfo ghost = new ObjectInfo("b", "ghost", 0, "d41d8cd98f00b204e9800998ecf8427e", clock.millis(), "t",
        Map.of(), Map.of());
    await(forger.append(List.of(CommitLogCodec.encode(new CommitLogRecord.Put(ghost, List.of()), 1))));
    RangePartition third = load(parent, KeyRange.ALL);
    assertThat(failure(third.headObject(ObjectRef.latest("b", "ghost")))).isEqualTo(PartitionErrorCode.NO_SUCH_KEY);
    assertThat(read(third, "k1")).isEqualTo("one");
    assertThat(read(third, "k2")).isEqualTo("two");
  }

  @Test
  void reportsKeysBytesRequestRateAndASplitKey() {
    RangePartition p = load(parent, KeyRange.of("b/", ""));
    RangeLoad empty = p.load();
    assertThat(empty.splitKey()).isEmpty();
    for (int i = 0; i < 10; i++) {
      put(p, "k" + i, "x".repeat(i + 1));
    }
    await(p.deleteObject(new DeleteObjectRequest("b", "k0", "", Versioning.ENABLED, Optional.empty())));
    put(p, "k1", "yy");
    for (int i = 0; i < 8; i++) {
      await(p.headObject(ObjectRef.latest("b", "k5")));
    }
    RangeLoad load = p.load();
    assertThat(load.loaded()).isTrue();
    assertThat(load.keys()).isEqualTo(9);
    assertThat(load.bytes()).isEqualTo(2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10);
    assertThat(load.splitKey()).contains(IndexKey.of("b", "k5"));
    assertThat(load.requestsPerSecond()).isEqualTo((10 + 1 + 1 + 8) / 10.0);
    clock.advanceMs(11_000);
    assertThat(p.load().requestsPerSecond()).isZero();
  }
}
