package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.gc.GcPass;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.GatedStreamClient;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.stream.api.ExtentPointer;
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
 * An upload in flight (its blocks appended and sealed into extents, its commit not applied yet)
 * keeps its extents through a garbage-collection pass: no index entry points into them yet, but
 * they are pinned, so the object reads back whole once it commits.
 */
class UploadInFlightGcTest {
  private static final int BLOCK = 1000;
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient memory = new InMemoryStreamClient(BLOCK, 2);
  private final GatedStreamClient streams = new GatedStreamClient(memory);
  private final Clock clock = TestRanges.CLOCK;
  private final PartitionId id = PartitionId.of("p0");
  private final StreamId blob = RangePartition.blobStream(id);

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void gcLeavesTheExtentsOfAnUploadInFlight() {
    RangePartition p = TestRanges.load(PartitionEntry.of(id, KeyRange.ALL, null),
        TestRanges.services(streams, clock, new Random(7), s -> { }, context));
    byte[] data = new byte[7 * BLOCK];
    new Random(1).nextBytes(data);
    int blocksBefore = memory.blockCount(blob);
    streams.hold(s -> s.equals(RangePartition.logStream(id)));
    Future<ObjectInfo> put = p.putObject(new PutObjectRequest("b", "k", data.length, "t", Map.of(), Map.of()),
        BytesBody.of(context, data));
    // every block is in the blob stream (three extents of two sealed), the commit record is held
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.heldCount() == 1);
    assertThat(memory.blockCount(blob) - blocksBefore).isEqualTo(7);

    GcPass pass = await(p.collectGarbage());
    assertThat(pass.droppedExtents()).as("extents of the upload in flight").isZero();

    streams.release();
    await(put);
    assertThat(readAll(await(p.getObject(ObjectRef.latest("b", "k"), Optional.empty())).body()).getBytes())
        .isEqualTo(data);
  }

  /**
   * A block whose append is not acknowledged yet is pinned nowhere: a pass that lists the
   * stream's extents while an upload is in flight drops nothing until that upload ended, while
   * uploads begun after the listing (they write to extents open then) do not hold it back.
   */
  @Test
  void uploadsInFlightAtAPassHoldBackItsDropsUntilTheyEnd() {
    PinnedExtents pinned = new PinnedExtents();
    PinnedExtents.Upload before = pinned.begin();
    long mark = pinned.mark();
    PinnedExtents.Upload after = pinned.begin();
    assertThat(pinned.endedSince(mark)).isFalse();
    before.end();
    assertThat(pinned.endedSince(mark)).as("only later uploads are in flight").isTrue();
    after.end();
    assertThat(pinned.endedSince(pinned.mark())).isTrue();
    PinnedExtents.Upload part = pinned.none();
    long again = pinned.mark();
    part.landed(List.of(new ExtentPointer(ExtentId.of("e1"), 0, 1)));
    assertThat(pinned.pins(ExtentId.of("e1"))).as("a part's stream is never collected").isFalse();
    assertThat(pinned.endedSince(again)).isTrue();
  }
}
