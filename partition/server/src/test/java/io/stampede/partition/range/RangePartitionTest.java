package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static io.stampede.partition.testkit.Await.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.PartitionId;
import io.stampede.common.key.ByteRange;
import io.stampede.common.key.KeyRange;
import io.stampede.common.id.StreamId;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RangePartitionTest {
  private static final int BLOCK = 1000;
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient streams = new InMemoryStreamClient(BLOCK);
  private final Clock clock = TestRanges.CLOCK;
  private final PartitionId id = PartitionId.of("p0");
  private final List<StreamId> reclaimed = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private RangePartition load() {
    return TestRanges.load(PartitionEntry.of(id, KeyRange.ALL, null),
        TestRanges.services(streams, clock, new Random(7), reclaimed::add, context));
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private ObjectInfo put(RangePartition p, String key, byte[] data) {
    PutObjectRequest req = new PutObjectRequest("b", key, data.length, "application/x", Map.of("Cache-Control", "max-age=1"),
        Map.of("color", "red"));
    return await(p.putObject(req, BytesBody.of(context, data)));
  }

  @Test
  void putThenGetWholeObjectAcrossBlocks() throws Exception {
    RangePartition p = load();
    byte[] data = bytes(3500, 1);
    BytesBody body = new BytesBody(context, data, 700, -1);
    ObjectInfo info = await(p.putObject(new PutObjectRequest("b", "k", data.length, "t", Map.of(), Map.of()), body));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)), info.etag());
    assertEquals(3500, info.size());
    assertEquals(clock.millis(), info.lastModifiedMs());
    assertEquals(4, streams.blockCount(RangePartition.blobStream(id)));
    assertEquals(2, streams.blockCount(RangePartition.logStream(id)), "the Genesis record and the put");
    assertTrue(body.pauseCalls > 0, "the body must be paused while blocks are pending");
    ObjectRead read = await(p.getObject(ObjectRef.latest("b", "k"), Optional.empty()));
    assertFalse(read.partial());
    assertArrayEquals(data, readAll(read.body()).getBytes());
  }

  @Test
  void rangeReadsOnlyTheBlocksItNeeds() {
    RangePartition p = load();
    byte[] data = bytes(5000, 2);
    put(p, "k", data);
    streams.reads.set(0);
    ObjectRead read = await(p.getObject(ObjectRef.latest("b", "k"), Optional.of(ByteRange.fromTo(1500, 2499))));
    assertTrue(read.partial());
    assertEquals(new ByteRange.Span(1500, 2499), read.span());
    assertArrayEquals(Arrays.copyOfRange(data, 1500, 2500), readAll(read.body()).getBytes());
    assertEquals(2, streams.reads.get());
    ObjectRead suffix = await(p.getObject(ObjectRef.latest("b", "k"), Optional.of(ByteRange.suffix(10))));
    assertArrayEquals(Arrays.copyOfRange(data, 4990, 5000), readAll(suffix.body()).getBytes());
    assertEquals(PartitionErrorCode.INVALID_RANGE, failure(p.getObject(ObjectRef.latest("b", "k"), Optional.of(ByteRange.from(5000)))));
  }

  @Test
  void aCancelledReadReadsNoFurtherBlocks() {
    RangePartition p = load();
    put(p, "k", bytes(5000, 3));
    streams.reads.set(0);
    ObjectRead read = await(p.getObject(ObjectRef.latest("b", "k"), Optional.empty()));
    io.vertx.core.Promise<Void> firstChunk = io.vertx.core.Promise.promise();
    boolean[] ended = {false};
    read.body().endHandler(v -> ended[0] = true);
    read.body().handler(chunk -> {
      read.cancel();
      firstChunk.tryComplete();
    });
    await(firstChunk.future());
    io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
    context.runOnContext(v -> context.runOnContext(w -> later.complete()));
    await(later.future());
    assertEquals(RangePartitionConfig.READ_AHEAD_BLOCKS, streams.reads.get(),
        "only the read-ahead window of the 5 blocks is read");
    assertFalse(ended[0], "a cancelled body does not end");
  }

  @Test
  void emptyObjectHasNoBlobBlocks() {
    RangePartition p = load();
    ObjectInfo info = put(p, "empty", new byte[0]);
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", info.etag());
    assertEquals(0, streams.blockCount(RangePartition.blobStream(id)));
    assertEquals(0, readAll(await(p.getObject(ObjectRef.latest("b", "empty"), Optional.empty())).body()).length());
  }

  @Test
  void overwriteAndDeleteAndHead() {
    RangePartition p = load();
    put(p, "k", bytes(10, 3));
    byte[] second = bytes(20, 4);
    put(p, "k", second);
    ObjectInfo head = await(p.headObject(ObjectRef.latest("b", "k")));
    assertEquals(20, head.size());
    assertEquals(Map.of("color", "red"), head.userMetadata());
    assertEquals("max-age=1", head.headers().get("Cache-Control"));
    assertArrayEquals(second, readAll(await(p.getObject(ObjectRef.latest("b", "k"), Optional.empty())).body()).getBytes());
    await(p.deleteObject(DeleteObjectRequest.of("b", "k")));
    await(p.deleteObject(DeleteObjectRequest.of("b", "never-existed")));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(p.headObject(ObjectRef.latest("b", "k"))));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(p.getObject(ObjectRef.latest("b", "k"), Optional.empty())));
  }

  @Test
  void shortLongOrFailedBodiesStoreNothing() {
    RangePartition p = load();
    PutObjectRequest declared100 = new PutObjectRequest("b", "k", 100, "t", Map.of(), Map.of());
    assertEquals(PartitionErrorCode.INCOMPLETE_BODY, failure(p.putObject(declared100, BytesBody.of(context, bytes(99, 5)))));
    assertEquals(PartitionErrorCode.INCOMPLETE_BODY, failure(p.putObject(declared100, BytesBody.of(context, bytes(101, 5)))));
    BytesBody failing = new BytesBody(context, bytes(100, 5), 10, 50);
    assertEquals(PartitionErrorCode.INCOMPLETE_BODY, failure(p.putObject(declared100, failing)));
    assertEquals(1, streams.blockCount(RangePartition.logStream(id)), "only the Genesis record");
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(p.headObject(ObjectRef.latest("b", "k"))));
  }

  @Test
  void streamFailureFailsThePutUnavailable() {
    RangePartition p = load();
    streams.failAppends = true;
    PutObjectRequest req = new PutObjectRequest("b", "k", 5, "t", Map.of(), Map.of());
    assertEquals(PartitionErrorCode.UNAVAILABLE, failure(p.putObject(req, BytesBody.of(context, bytes(5, 6)))));
  }

  @Test
  void replayAfterRestartRebuildsTheIndex() {
    RangePartition p = load();
    byte[] kept = bytes(2500, 7);
    put(p, "a", bytes(10, 8));
    put(p, "b/x", kept);
    put(p, "c", bytes(10, 9));
    await(p.deleteObject(DeleteObjectRequest.of("b", "a")));
    put(p, "c", bytes(30, 10));

    RangePartition restarted = load();
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(restarted.headObject(ObjectRef.latest("b", "a"))));
    assertEquals(30, await(restarted.headObject(ObjectRef.latest("b", "c"))).size());
    assertArrayEquals(kept, readAll(await(restarted.getObject(ObjectRef.latest("b", "b/x"), Optional.empty())).body()).getBytes());
    var page = await(restarted.listObjects(ListObjectsQuery.of("b", "", "/", "", 10)));
    assertEquals(java.util.List.of("c"), page.objects().stream().map(ObjectInfo::key).toList());
    assertEquals(java.util.List.of("b/"), page.commonPrefixes());
  }
}
