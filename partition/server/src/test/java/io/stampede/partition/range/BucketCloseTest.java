package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.id.PartitionId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.GatedStreamClient;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DeleteBucket's fence in one range (issue 10, item 5): a bucket's key space closes only while the
 * range holds nothing of it, every write of the bucket after the close fails NO_SUCH_BUCKET, the
 * commit-log order decides between a close and a concurrent write (never both succeed), and the
 * closed state survives a reload, a checkpoint and a split in the middle of the bucket.
 */
class BucketCloseTest {
  private static final String B = "b~1";
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient memory = new InMemoryStreamClient(1000, 5);
  private final GatedStreamClient streams = new GatedStreamClient(memory);
  private final Clock clock = TestRanges.CLOCK;
  private final PartitionId id = PartitionId.of("p0");

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private RangePartition load(PartitionEntry entry) {
    return TestRanges.load(entry, TestRanges.services(streams, clock, new Random(7), s -> { }, context));
  }

  private RangePartition load() {
    return load(PartitionEntry.of(id, KeyRange.ALL, null));
  }

  private Future<ObjectInfo> put(RangePartition p, String bucket, String key) {
    byte[] data = key.getBytes();
    return p.putObject(new PutObjectRequest(bucket, key, data.length, "t", Map.of(), Map.of()),
        BytesBody.of(context, data));
  }

  private static Future<UploadInfo> createUpload(RangePartition p, String bucket, String key) {
    return p.createUpload(new CreateUploadRequest(bucket, key, "t", Map.of(), Map.of(), Map.of(), Optional.empty(),
        ChecksumType.COMPOSITE));
  }

  @Test
  void closesOnlyWhenEmptyAndThenRefusesEveryWriteOfTheBucket() {
    RangePartition p = load();
    await(put(p, B, "k"));
    UploadInfo upload = await(createUpload(p, B, "u"));
    assertEquals(PartitionErrorCode.BUCKET_NOT_EMPTY, failure(p.closeBucket(B)));
    await(p.deleteObject(DeleteObjectRequest.of(B, "k")));
    assertEquals(PartitionErrorCode.BUCKET_NOT_EMPTY, failure(p.closeBucket(B)), "an upload in progress");
    await(p.abortUpload(new UploadRef(B, "u", upload.uploadId())));
    assertEquals("", await(p.closeBucket(B)), "the range's high bound");
    assertEquals("", await(p.closeBucket(B)), "idempotent");

    assertEquals(PartitionErrorCode.NO_SUCH_BUCKET, failure(put(p, B, "k2")));
    assertEquals(PartitionErrorCode.NO_SUCH_BUCKET, failure(createUpload(p, B, "u2")));
    await(put(p, "b~2", "k"));
    await(put(p, "b~10", "k"));

    // the close is in the log and in checkpoints
    RangePartition reloaded = load();
    assertEquals(PartitionErrorCode.NO_SUCH_BUCKET, failure(put(reloaded, B, "k3")));
    await(reloaded.checkpointer().write());
    RangePartition fromCheckpoint = load();
    assertEquals(PartitionErrorCode.NO_SUCH_BUCKET, failure(put(fromCheckpoint, B, "k4")));
    await(fromCheckpoint.reopenBucket(B));
    await(put(fromCheckpoint, B, "k5"));
  }

  @Test
  void theLogOrderDecidesBetweenAWriteAndAClose() {
    RangePartition p = load();
    // a put committed first: the close after it is refused
    streams.hold(s -> s.equals(RangePartition.logStream(id)));
    Future<ObjectInfo> put = put(p, B, "first");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.heldCount() == 1);
    Future<String> close = p.closeBucket(B);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.heldCount() == 2);
    streams.release();
    await(put);
    assertEquals(PartitionErrorCode.BUCKET_NOT_EMPTY, failure(close));

    await(p.deleteObject(DeleteObjectRequest.of(B, "first")));
    // the close committed first: the put after it fails, and nothing of it is visible
    streams.hold(s -> s.equals(RangePartition.logStream(id)));
    Future<String> close2 = p.closeBucket(B);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.heldCount() == 1);
    Future<ObjectInfo> put2 = put(p, B, "second");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streams.heldCount() == 2);
    streams.release();
    await(close2);
    assertEquals(PartitionErrorCode.NO_SUCH_BUCKET, failure(put2));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(p.headObject(ObjectRef.latest(B, "second"))));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(load().headObject(ObjectRef.latest(B, "second"))),
        "a replay decides the same");
  }

  @Test
  void splitChildrenInheritTheCloseEvenInTheMiddleOfTheBucket() {
    RangePartition p = load();
    await(p.closeBucket(B));
    await(p.close());
    String middle = IndexKey.of(B, "m");
    RangePartition low = load(new PartitionEntry(PartitionId.of("p1"), KeyRange.of("", middle), null, List.of(id)));
    RangePartition high = load(new PartitionEntry(PartitionId.of("p2"), KeyRange.of(middle, ""), null, List.of(id)));
    assertEquals(PartitionErrorCode.NO_SUCH_BUCKET, failure(put(low, B, "a")));
    assertEquals(PartitionErrorCode.NO_SUCH_BUCKET, failure(put(high, B, "z")));
    assertTrue(low.index().closed(B) && high.index().closed(B));
  }
}
