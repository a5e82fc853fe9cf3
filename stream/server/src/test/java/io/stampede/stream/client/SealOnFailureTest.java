package io.stampede.stream.client;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.stampede.stream.testing.LostAckNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends that fail mid-stream: the extent is sealed at its commit length and appends go on. */
class SealOnFailureTest {
  private static final StreamId LOG = StreamId.of("p1-log");

  @TempDir Path dir;
  private Vertx vertx;
  private InProcessStreamLayer layer;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new InProcessStreamLayer(vertx, dir).withNodes(3, 2);
    layer.startManager();
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private ReplicatedStreamClient client(Function<ExtentNodeInfo, ExtentNodeApi> connector) {
    return new ReplicatedStreamClient(vertx, layer.manager, connector, StreamClientConfig.defaults()
        .withRetries(4, Duration.ofMillis(1)));
  }

  private static Buffer block(int i) {
    return Buffer.buffer("block-" + i + "-" + "y".repeat(i % 11));
  }

  @Test
  void aSecondaryKilledMidStreamSealsTheExtentAndAppendsGoOn() throws Exception {
    ReplicatedStreamClient client = client(layer.connector);
    StreamWriter writer = await(client.claim(LOG));
    List<ExtentPointer> pointers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pointers.addAll(await(writer.append(List.of(block(i)))));
    }
    ExtentInfo first = await(layer.manager.describeStream(LOG)).last();
    layer.down(first.replicas().get(2).id());
    List<Future<List<ExtentPointer>>> inFlight = new ArrayList<>();
    for (int i = 10; i < 30; i++) {
      inFlight.add(writer.append(List.of(block(i))));
    }
    for (Future<List<ExtentPointer>> f : inFlight) {
      pointers.addAll(await(f));
    }
    for (int i = 0; i < 30; i++) {
      assertEquals(block(i), await(client.read(pointers.get(i))), "block " + i);
    }
    StreamInfo stream = await(layer.manager.describeStream(LOG));
    ExtentInfo sealed = stream.extents().get(0);
    assertTrue(sealed.sealed(), sealed.toString());
    assertEquals(2, stream.extents().size());
    // the commit length covers every block acknowledged in it, maybe the failed batch too
    List<ExtentPointer> inSealed = pointers.stream().filter(p -> p.extent().equals(sealed.id())).toList();
    assertEquals(pointers.subList(0, inSealed.size()), inSealed);
    assertTrue(inSealed.size() >= 10, "acknowledged before the failure: " + inSealed.size());
    ExtentPointer last = inSealed.get(inSealed.size() - 1);
    assertEquals(last.offset() + 8 + last.length(), sealed.sealedLength());
    assertFalse(stream.last().replicas().stream().anyMatch(r -> r.id().equals(first.replicas().get(2).id())));
    for (int i = inSealed.size(); i < 30; i++) {
      assertEquals(stream.last().id(), pointers.get(i).extent());
    }
    byte[] primary = Files.readAllBytes(extentFile(sealed.replicas().get(0), sealed));
    assertArrayEquals(primary, Files.readAllBytes(extentFile(sealed.replicas().get(1), sealed)));
    List<StreamRecord> replayed = new ArrayList<>();
    await(client.replay(LOG, replayed::add));
    assertEquals(pointers, replayed.stream().map(StreamRecord::pointer).toList());
  }

  @Test
  void aBatchTheSealedLengthCoversIsNotAppendedTwice() throws Exception {
    Map<ExtentNodeId, ExtentNodeApi> lossyNodes = new ConcurrentHashMap<>();
    ReplicatedStreamClient client = client(n -> lossyNodes.getOrDefault(n.id(), layer.connector.apply(n)));
    StreamWriter writer = await(client.claim(LOG));
    // open the writer's first extent to learn its primary; the writer appends to the same one
    ExtentInfo first = await(layer.manager.openStream(LOG, writer.epoch())).last();
    LostAckNode lossy = new LostAckNode(layer.connector.apply(first.primary()), 0);
    lossyNodes.put(first.primary().id(), lossy);
    List<ExtentPointer> pointers = new ArrayList<>(await(writer.append(List.of(block(0)))));
    lossy.lost.set(1);
    pointers.addAll(await(writer.append(List.of(block(1), block(2), block(3)))));
    pointers.addAll(await(writer.append(List.of(block(4)))));
    assertEquals(0, lossy.lost.get(), "the answer was lost once");

    StreamInfo stream = await(layer.manager.describeStream(LOG));
    ExtentInfo sealed = stream.extents().get(0);
    assertTrue(sealed.sealed());
    for (int i = 0; i < 4; i++) {
      assertEquals(first.id(), pointers.get(i).extent(), "acknowledged from the sealed extent");
    }
    ExtentPointer p3 = pointers.get(3);
    assertEquals(p3.offset() + 8 + p3.length(), sealed.sealedLength());
    assertEquals(stream.last().id(), pointers.get(4).extent());
    List<StreamRecord> replayed = new ArrayList<>();
    await(client.replay(LOG, replayed::add));
    assertEquals(5, replayed.size(), "no duplicate: " + replayed);
    for (int i = 0; i < 5; i++) {
      assertEquals(block(i), replayed.get(i).data());
      assertEquals(pointers.get(i), replayed.get(i).pointer());
    }
  }

  private Path extentFile(ExtentNodeInfo node, ExtentInfo extent) {
    return layer.extentDir(node).resolve(extent.id().value() + ".ext");
  }
}
