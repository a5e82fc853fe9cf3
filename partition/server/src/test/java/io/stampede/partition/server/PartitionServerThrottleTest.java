package io.stampede.partition.server;

import static io.stampede.partition.testkit.Await.await;
import static io.stampede.partition.testkit.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.testkit.BytesBody;
import io.stampede.partition.testkit.InMemoryStreamClient;
import io.stampede.partition.testkit.ManualClock;
import io.stampede.partition.testkit.WholeKeySpace;
import io.stampede.partition.throttle.RateLimit;
import io.stampede.partition.throttle.RequestRateLimits;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The partition server's per-bucket and per-range request-rate limits. */
class PartitionServerThrottleTest {
  private static final PartitionServerId SELF = PartitionServerId.of("ps1");

  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = ManualClock.atMillis(1_700_000_000_000L);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  /** A server of one range (the whole key space) with these limits, loaded. */
  private PartitionServer server(RateLimit bucket, RateLimit range) {
    PartitionServerConfig config = PartitionServerConfig.defaults(StampId.of("s1"), SELF,
            Endpoint.of("localhost", 0), List.of(Endpoint.of("localhost", 1)))
        .withLimits(RequestRateLimits.defaults().withBucket(bucket).withRange(range));
    PartitionServer server = WholeKeySpace.served(config, new InMemoryStreamClient(1000), registry, clock,
        vertx.getOrCreateContext());
    return server;
  }

  private double throttled(String reason) {
    return registry.counter("stampede.partition.throttled", "stamp", "s1", "node", "ps1", "reason", reason).count();
  }

  @Test
  void aBucketOverItsRateGetsSlowDownWhileOthersAreServed() {
    PartitionServer server = server(RateLimit.perSecond(2), RateLimit.UNLIMITED);
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(server.headObject("noisy", "k")));
    assertEquals(0, await(server.listObjects(ListObjectsQuery.of("noisy", "", "", "", 10))).objects().size());
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(server.headObject("noisy", "k")));
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(server.listObjects(ListObjectsQuery.of("noisy", "", "", "", 10))));
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(server.deleteObject("noisy", "k")));
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(server.headObject("quiet", "k")));
    assertEquals(3, throttled("bucket"));
    assertEquals(0, throttled("range"));
    clock.advanceMs(500);
    assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(server.headObject("noisy", "k")));
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(server.headObject("noisy", "k")));
  }

  @Test
  void aRangeOverItsRateGetsSlowDownForEveryBucket() {
    PartitionServer server = server(RateLimit.UNLIMITED, RateLimit.perSecond(3));
    for (String bucket : List.of("a", "b", "c")) {
      assertEquals(PartitionErrorCode.NO_SUCH_KEY, failure(server.headObject(bucket, "k")));
    }
    assertEquals(PartitionErrorCode.SLOW_DOWN, failure(server.headObject("d", "k")));
    assertEquals(1, throttled("range"));
  }

  @Test
  void aThrottledPutLeavesItsBodyPausedAndUnread() {
    PartitionServer server = server(RateLimit.perSecond(1), RateLimit.UNLIMITED);
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    await(server.putObject(new PutObjectRequest("b", "k", bytes.length, "t", Map.of(), Map.of()),
        BytesBody.of(vertx.getOrCreateContext(), bytes)));
    WatchedBody body = new WatchedBody();
    assertEquals(PartitionErrorCode.SLOW_DOWN,
        failure(server.putObject(new PutObjectRequest("b", "k2", 5, "t", Map.of(), Map.of()), body)));
    assertTrue(body.paused);
    assertFalse(body.read, "a throttled put must not read its body");
  }

  /** A body that records whether anyone asked it for data. */
  private static final class WatchedBody implements ReadStream<Buffer> {
    boolean paused;
    boolean read;

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      read |= handler != null;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      read = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      read = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
      return this;
    }
  }
}
