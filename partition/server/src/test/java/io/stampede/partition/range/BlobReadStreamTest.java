package io.stampede.partition.range;

import static io.stampede.partition.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.flow.ByteBudget;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.ByteRange;
import io.stampede.partition.api.blob.BlobReadStream;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.testkit.GatedStreamClient;
import io.stampede.partition.testkit.GatedStreamClient.HeldRead;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.api.StreamWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-ahead of a GetObject body: a window of block reads in flight, bytes handed on in order, budget given back. */
class BlobReadStreamTest {
  private static final int BLOCK = 100;
  private static final int BLOCKS = 10;
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final InMemoryStreamClient memory = new InMemoryStreamClient(BLOCK);
  private final GatedStreamClient streams = new GatedStreamClient(memory);
  private final ByteBudget budget = new ByteBudget("reads", 100 * BLOCK);
  private final Buffer object = Buffer.buffer();
  private List<ExtentPointer> blob;

  @BeforeEach
  void write() {
    StreamWriter w = await(streams.claim(StreamId.of("p0.blob")));
    List<Buffer> blocks = new ArrayList<>();
    for (int i = 0; i < BLOCKS; i++) {
      Buffer b = Buffer.buffer();
      for (int j = 0; j < BLOCK; j++) {
        b.appendByte((byte) (i * 31 + j));
      }
      blocks.add(b);
      object.appendBuffer(b);
    }
    blob = await(w.append(blocks));
    streams.holdReads();
  }

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private BlobReadStream stream(ByteRange.Span span, int window) {
    return new BlobReadStream(streams::read, blob, 0, span, 30, window, budget, context);
  }

  private static final class Sink {
    final Buffer received = Buffer.buffer();
    final AtomicBoolean ended = new AtomicBoolean();
    final AtomicReference<Throwable> failed = new AtomicReference<>();

    Sink(BlobReadStream s) {
      s.exceptionHandler(failed::set).endHandler(v -> ended.set(true)).handler(received::appendBuffer);
    }
  }

  private List<HeldRead> heldReads(int n) {
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.heldReads().size() == n);
    return streams.heldReads();
  }

  @Test
  void aWindowOfBlocksIsReadAtOnceAndHandedOnInObjectOrder() {
    Sink sink = new Sink(stream(new ByteRange.Span(0, BLOCKS * BLOCK - 1), 4));
    List<HeldRead> first = heldReads(4);
    assertThat(first).extracting(HeldRead::pointer).containsExactlyElementsOf(blob.subList(0, 4));
    // answered last to first: nothing is handed on before the first block
    for (int i = 3; i >= 1; i--) {
      streams.answer(first.get(i), null);
    }
    Awaitility.await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
        .until(() -> sink.received.length() == 0);
    streams.answer(first.get(0), null);
    while (!sink.ended.get()) {
      Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> !streams.heldReads().isEmpty() || sink.ended.get());
      assertThat(streams.heldReads().size()).isLessThanOrEqualTo(4);
      streams.heldReads().forEach(r -> streams.answer(r, null));
    }
    assertThat(sink.received).isEqualTo(object);
    assertThat(sink.failed.get()).isNull();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> budget.held() == 0);
  }

  @Test
  void aSpanReadsOnlyItsBlocks() {
    Sink sink = new Sink(stream(new ByteRange.Span(250, 449), 8));
    List<HeldRead> reads = heldReads(3);
    assertThat(reads).extracting(HeldRead::pointer).containsExactlyElementsOf(blob.subList(2, 5));
    reads.forEach(r -> streams.answer(r, null));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(sink.ended::get);
    assertThat(sink.received).isEqualTo(object.slice(250, 450));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> budget.held() == 0);
  }

  @Test
  void aPausedConsumerHoldsNoMoreThanTheWindow() {
    BlobReadStream s = stream(new ByteRange.Span(0, BLOCKS * BLOCK - 1), 3);
    s.pause();
    Sink sink = new Sink(s);
    heldReads(3).forEach(r -> streams.answer(r, null));
    Awaitility.await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
        .until(() -> streams.heldReads().isEmpty());
    assertThat(budget.held()).isEqualTo(3 * BLOCK);
    s.fetch(1);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.received.length() == 30);
    assertThat(streams.heldReads()).as("the window is full while the first block is handed on").isEmpty();
  }

  @Test
  void aFailedBlockFailsTheBodyAfterTheBytesBeforeItAndGivesEveryByteBack() {
    Sink sink = new Sink(stream(new ByteRange.Span(0, BLOCKS * BLOCK - 1), 4));
    List<HeldRead> reads = heldReads(4);
    streams.answer(reads.get(0), null);
    streams.answer(reads.get(2), null);
    streams.answer(reads.get(1), new StreamException(StreamErrorCode.UNAVAILABLE, "replicas gone"));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.failed.get() != null);
    assertThat(sink.failed.get()).isInstanceOf(PartitionException.class);
    assertThat(sink.received).isEqualTo(object.slice(0, BLOCK));
    assertThat(sink.ended.get()).isFalse();
    streams.heldReads().forEach(r -> streams.answer(r, null));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> budget.held() == 0);
  }

  @Test
  void aCancelledReadGivesEveryByteBackAsItsReadsEnd() {
    BlobReadStream s = stream(new ByteRange.Span(0, BLOCKS * BLOCK - 1), 4);
    Sink sink = new Sink(s);
    List<HeldRead> reads = heldReads(4);
    streams.answer(reads.get(0), null);
    streams.answer(reads.get(1), null);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.received.length() >= BLOCK);
    s.cancel();
    streams.heldReads().forEach(r -> streams.answer(r, null));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> budget.held() == 0);
    assertThat(sink.ended.get()).isFalse();
  }
}
