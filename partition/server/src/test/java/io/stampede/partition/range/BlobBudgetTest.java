package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.id.PartitionId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.GatedStreamClient;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's blob byte budgets: uploads and reads wait for them instead of piling bytes up. */
class BlobBudgetTest {
  private static final int BLOCK = 1000;
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient memory = new InMemoryStreamClient(BLOCK);
  private final GatedStreamClient streams = new GatedStreamClient(memory);
  private final Clock clock = TestRanges.CLOCK;
  private final PartitionId id = PartitionId.of("p0");

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private RangeServices services(long writeBytesMax, long readBytesMax) {
    return TestRanges.services(streams, TestRanges.CONFIG.withBlobBytesMax(writeBytesMax, readBytesMax), clock,
        new Random(7), s -> { }, context);
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private Future<ObjectInfo> put(RangePartition p, String key, byte[] data) {
    return p.putObject(new PutObjectRequest("b", key, data.length, "t", Map.of(), Map.of()),
        new BytesBody(context, data, 700, -1));
  }

  private byte[] get(RangePartition p, String key) {
    return readAll(await(p.getObject(ObjectRef.latest("b", key), Optional.empty())).body()).getBytes();
  }

  @Test
  void uploadsWaitForTheWriteBudgetInsteadOfBuffering() {
    RangeServices services = services(BLOCK, 1 << 20);
    RangePartition p = TestRanges.load(PartitionEntry.of(id, KeyRange.ALL, null), services);
    streams.hold(s -> s.equals(RangePartition.blobStream(id)));
    byte[] a = bytes(3 * BLOCK, 1);
    byte[] b = bytes(3 * BLOCK, 2);
    Future<ObjectInfo> putA = put(p, "a", a);
    Future<ObjectInfo> putB = put(p, "b", b);

    // one block appends (held); each upload's next full block waits for the budget, body paused
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> services.blobWrites().waiting() == 2);
    assertThat(streams.heldCount()).isEqualTo(1);
    assertThat(services.blobWrites().held()).isEqualTo(BLOCK);
    assertThat(putA.isComplete() || putB.isComplete()).isFalse();

    streams.release();
    await(Future.all(putA, putB));
    assertThat(services.blobWrites().held()).isZero();
    assertThat(get(p, "a")).isEqualTo(a);
    assertThat(get(p, "b")).isEqualTo(b);
  }

  @Test
  void blocksLargerThanTheBudgetsGoThroughOneAtATime() {
    RangeServices services = services(10, 10);
    RangePartition p = TestRanges.load(PartitionEntry.of(id, KeyRange.ALL, null), services);
    byte[] a = bytes(2500, 3);
    byte[] b = bytes(4200, 4);
    await(Future.all(put(p, "a", a), put(p, "b", b)));
    assertThat(get(p, "a")).isEqualTo(a);
    assertThat(get(p, "b")).isEqualTo(b);
    assertThat(services.blobWrites().held()).isZero();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> services.blobReads().held() == 0);
  }

  @Test
  void aReadWaitsForTheReadBudgetUntilAnotherIsCancelled() {
    RangeServices services = services(1 << 20, BLOCK);
    RangePartition p = TestRanges.load(PartitionEntry.of(id, KeyRange.ALL, null), services);
    byte[] a = bytes(3 * BLOCK, 5);
    byte[] b = bytes(3 * BLOCK, 6);
    await(Future.all(put(p, "a", a), put(p, "b", b)));

    // the reader of a takes one chunk and stops: its block keeps the whole read budget
    ObjectRead readA = await(p.getObject(ObjectRef.latest("b", "a"), Optional.empty()));
    Promise<Void> firstChunk = Promise.promise();
    readA.body().handler(chunk -> {
      readA.body().pause();
      firstChunk.tryComplete();
    });
    await(firstChunk.future());
    assertThat(services.blobReads().held()).isEqualTo(BLOCK);

    ObjectRead readB = await(p.getObject(ObjectRef.latest("b", "b"), Optional.empty()));
    Promise<Buffer> all = Promise.promise();
    Buffer got = Buffer.buffer();
    context.runOnContext(v -> {
      readB.body().exceptionHandler(all::tryFail);
      readB.body().endHandler(e -> all.tryComplete(got));
      readB.body().handler(got::appendBuffer);
    });
    // a's read-ahead of its blocks 2 and 3 waits for the budget, and b's three blocks behind them
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> services.blobReads().waiting() == 5);
    assertThat(all.future().isComplete()).isFalse();

    readA.cancel();
    assertThat(await(all.future()).getBytes()).isEqualTo(b);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> services.blobReads().held() == 0);
  }
}
