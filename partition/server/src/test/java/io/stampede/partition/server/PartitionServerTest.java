package io.stampede.partition.server;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.range.RangePartition;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionServerTest {
  private static final long NOW_MS = 1_700_000_000_000L;
  private static final PartitionServerId SELF = PartitionServerId.of("ps1");
  private static final PartitionServerId OTHER = PartitionServerId.of("ps2");
  private static final PartitionId P0 = PartitionId.of("p0");

  private final Vertx vertx = Vertx.vertx();
  private final InMemoryStreamClient memory = new InMemoryStreamClient(1000);
  private final HeldReplays streams = new HeldReplays(memory);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PartitionServer server = new PartitionServer(
      PartitionServerConfig.defaults(StampId.of("s1"), SELF, Endpoint.of("localhost", 0),
          List.of(Endpoint.of("localhost", 1))),
      streams, registry, Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC),
      vertx.getOrCreateContext());

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private static PartitionMap map(long version, PartitionServerId owner) {
    return new PartitionMap(version, List.of(PartitionEntry.of(P0, KeyRange.ALL, owner)), Map.of());
  }

  @Test
  void servesARangeOnceLoaded() {
    server.update(map(1, SELF), NOW_MS + 10_000);
    assertEquals(PartitionErrorCode.NOT_SERVING, failure(server.headObject("b", "k")));
    streams.releaseAll();
    assertEquals(1, server.rangesServed());
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(server.headObject("b", "k")));
  }

  @Test
  void neverServesALoadWhoseAssignmentWasTakenAwayMeanwhile() {
    server.update(map(1, SELF), NOW_MS + 10_000);
    server.update(map(2, OTHER), NOW_MS + 10_000);
    streams.releaseAll();
    assertEquals(0, server.rangesServed());
    assertEquals(PartitionErrorCode.NOT_SERVING, failure(server.headObject("b", "k")));
  }

  @Test
  void aRangeMovedAwayAndBackDuringItsLoadIsReplayedAgain() {
    server.update(map(1, SELF), NOW_MS + 10_000);
    server.update(map(2, OTHER), NOW_MS + 10_000);
    server.update(map(3, SELF), NOW_MS + 10_000);
    assertEquals(2, streams.held.size(), "the range assigned again must be loaded afresh");
    streams.held.get(0).complete();
    assertEquals(0, server.rangesServed(), "the stale first load must not be served");
    streams.held.get(1).complete();
    assertEquals(1, server.rangesServed());
  }

  private boolean reports(PartitionId range, boolean loaded) {
    return server.report(PartitionServerInfo.of(SELF, Endpoint.of("localhost", 1))).ranges().stream()
        .anyMatch(r -> r.id().equals(range) && r.loaded() == loaded);
  }

  private Gauge keysGauge() {
    return registry.find("stampede.partition.range.keys").tags("partition", P0.value(), "server", SELF.value()).gauge();
  }

  @Test
  void aRangeTakenAwayIsReportedClosingUntilItsFinalCheckpointIsWritten() {
    server.update(map(1, SELF), NOW_MS + 10_000);
    streams.releaseAll();
    assertTrue(reports(P0, true));
    assertNotNull(keysGauge());
    memory.failAppends = true;
    server.update(map(2, OTHER), NOW_MS + 10_000);
    assertEquals(0, server.rangesServed());
    assertNull(keysGauge(), "a range no longer served has no gauges");
    assertTrue(reports(P0, false), "closing: its final checkpoint cannot be written");
    assertEquals(PartitionErrorCode.NOT_SERVING, failure(server.headObject("b", "k")));
    memory.failAppends = false;
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reports(P0, false));
    assertEquals(1, memory.blockCount(CheckpointStore.metaStream(P0)));
  }

  @Test
  void aRangeWhoseCommitLogBrokeIsLoadedAgainAndServesTheDurableWrite() {
    server.update(map(1, SELF), NOW_MS + 10_000);
    streams.releaseAll();
    memory.loseAcksOf = RangePartition.logStream(P0);
    byte[] data = "v".getBytes();
    assertEquals(PartitionErrorCode.UNAVAILABLE, failure(server.putObject(
        new PutObjectRequest("b", "k", data.length, "t", Map.of(), Map.of()), BytesBody.of(vertx.getOrCreateContext(),
            data))));
    memory.loseAcksOf = null;
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      streams.releaseAll();
      return server.rangesServed() == 1;
    });
    assertEquals(1, await(server.headObject("b", "k")).size());
    assertEquals(1.0, keysGauge().value());
  }

  /** Holds every commit-log replay until released, so a map can change while a range loads. */
  private static final class HeldReplays implements StreamClient {
    final StreamClient delegate;
    final List<Promise<Void>> held = new ArrayList<>();

    HeldReplays(StreamClient delegate) {
      this.delegate = delegate;
    }

    void releaseAll() {
      List.copyOf(held).forEach(Promise::tryComplete);
    }

    @Override
    public Future<io.stampede.stream.api.StreamWriter> claim(io.stampede.common.id.StreamId stream) {
      return delegate.claim(stream);
    }

    @Override
    public Future<Buffer> read(ExtentPointer pointer) {
      return delegate.read(pointer);
    }

    @Override
    public Future<io.stampede.stream.api.StreamInfo> describe(io.stampede.common.id.StreamId stream) {
      return delegate.describe(stream);
    }

    @Override
    public Future<Void> replay(io.stampede.common.id.StreamId stream, ExtentPointer after,
        Handler<StreamRecord> handler) {
      if (!stream.value().endsWith(".log")) {
        return delegate.replay(stream, after, handler);
      }
      Promise<Void> gate = Promise.promise();
      held.add(gate);
      return gate.future().compose(v -> delegate.replay(stream, after, handler));
    }

    @Override
    public Future<Void> deleteStream(io.stampede.common.id.StreamId stream) {
      return delegate.deleteStream(stream);
    }

    @Override
    public int blockBytesMax() {
      return delegate.blockBytesMax();
    }
  }
}
