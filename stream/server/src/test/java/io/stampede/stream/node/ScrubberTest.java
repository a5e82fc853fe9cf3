package io.stampede.stream.node;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrubberTest {
  private static final StreamId LOG = StreamId.of("p1-log");

  @TempDir Path dir;
  private Vertx vertx;
  private InProcessStreamLayer layer;
  private ExtentInfo sealed;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new InProcessStreamLayer(vertx, dir).withNodes(4, 1);
    layer.startManager();
    long epoch = await(layer.manager.claimStream(LOG)).epoch();
    ExtentInfo e = await(layer.manager.openStream(LOG, epoch)).last();
    long length = await(layer.node(e.primary().id()).append(e.id(), epoch,
        List.of(Buffer.buffer("alpha"), Buffer.buffer("beta"), Buffer.buffer("gamma")))).extentLength();
    sealed = await(layer.manager.sealAndExtend(LOG, e.id(), length, epoch)).extents().get(0);
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private Scrubber scrubber(ExtentNodeInfo node, long bytesPerSecond) {
    return new Scrubber(vertx, layer.node(node.id()), layer.manager, () -> node, bytesPerSecond,
        Duration.ofSeconds(1));
  }

  @Test
  void findsAFlippedByteReportsItAndTheReplicaIsReplaced() throws Exception {
    ExtentNodeInfo victim = sealed.replicas().get(1);
    for (ExtentNodeInfo r : sealed.replicas()) {
      assertEquals(List.of(), await(scrubber(r, 1 << 30).pass()), "clean before");
    }
    Path file = layer.extentDir(victim).resolve(sealed.id().value() + ".ext");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 1;
    Files.write(file, bytes);

    assertEquals(List.of(sealed.id()), await(scrubber(victim, 1 << 30).pass()));
    assertEquals(1.0, layer.metrics(victim.id()).corruptBlockCount());
    assertTrue(layer.metrics(victim.id()).scrubbedBytes() > 0);
    ExtentInfo now = await(layer.manager.describeStream(LOG)).extents().get(0);
    assertFalse(now.replicas().contains(victim), now.toString());
    assertFalse(Files.exists(file), "the bad copy is deleted");
    // the report started a repair round; more rounds do no harm
    org.awaitility.Awaitility.await().atMost(InProcessStreamLayer.timeout()).until(() -> {
      await(layer.manager.repair());
      return await(layer.manager.describeStream(LOG)).extents().get(0).replicas().size() == 3;
    });
    ExtentInfo repaired = await(layer.manager.describeStream(LOG)).extents().get(0);
    assertFalse(repaired.replicas().contains(victim));
  }

  @Test
  void scrubsAtTheConfiguredRate() throws Exception {
    ExtentNodeInfo node = sealed.replicas().get(0);
    long start = System.nanoTime();
    // 38 bytes of extent at 100 bytes/s: about 0.38 s of pauses
    assertEquals(List.of(), await(scrubber(node, 100).pass()));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 300, "rate bounded: " + ms + " ms");
  }
}
