package io.stampede.stream.it;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerPeer;
import io.stampede.stream.testing.LoopbackStreamLayer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream deletion over real gRPC on loopback (3 Raft manager peers, 3 extent nodes): the replicas
 * leave every node's disk after the (short) orphan grace, other streams stay whole, and the
 * deletion outlives a leader change and a restart of the whole layer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamDeletionIT {
  private static final StreamId UPLOAD = StreamId.of("p1.mpu.u1");
  private static final StreamId OTHER = StreamId.of("p1.blob");
  private static final UnaryOperator<StreamManagerConfig> SHORT_GRACE =
      c -> c.withRepair(Duration.ofMillis(200), 2, Duration.ofSeconds(1));
  private static final int RACKS = 3;

  @TempDir Path dir;
  private Vertx vertx;
  private LoopbackStreamLayer layer;
  private final Random random = new Random(23);
  private final List<Buffer> otherBlocks = new ArrayList<>();
  private final List<ExtentPointer> otherPointers = new ArrayList<>();
  private final Map<StreamId, StreamWriter> writers = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new LoopbackStreamLayer(vertx, dir);
    layer.start(RACKS, SHORT_GRACE);
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private void write(StreamId stream, int blocks) throws Exception {
    for (int i = 0; i < blocks; i++) {
      byte[] bytes = new byte[1 + random.nextInt(40_000)];
      random.nextBytes(bytes);
      Buffer b = Buffer.buffer(bytes);
      ExtentPointer p = await(writer(stream).append(List.of(b))).get(0);
      if (stream.equals(OTHER)) {
        otherBlocks.add(b);
        otherPointers.add(p);
      }
    }
  }

  /** This test's writer of {@code stream}, claimed on first use. */
  private StreamWriter writer(StreamId stream) throws Exception {
    StreamWriter w = writers.get(stream);
    if (w == null) {
      w = await(layer.client().claim(stream));
      writers.put(stream, w);
    }
    return w;
  }

  private StreamInfo described(StreamId stream) throws Exception {
    return await(layer.manager().describe()).streams().stream()
        .filter(s -> s.id().equals(stream)).findFirst().orElseThrow();
  }

  private int rack(ExtentNodeInfo node) {
    return Integer.parseInt(node.rack().value().substring(1));
  }

  /** Every node's files of {@code extents}. */
  private List<Path> files(List<ExtentInfo> extents) throws Exception {
    List<Path> found = new ArrayList<>();
    for (int r = 1; r <= RACKS; r++) {
      for (ExtentInfo e : extents) {
        found.addAll(layer.replicaFiles(r, e.id()));
      }
    }
    return found;
  }

  private void awaitCollected(List<ExtentInfo> extents) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(files(extents)).isEmpty());
  }

  /** OTHER's blocks read back, one by one and replayed, and each of its replicas is on disk. */
  private void assertOtherIsWhole() throws Exception {
    for (int i = 0; i < otherBlocks.size(); i++) {
      assertThat(await(layer.client().read(otherPointers.get(i)))).as("block %d", i)
          .isEqualTo(otherBlocks.get(i));
    }
    List<StreamRecord> replayed = new ArrayList<>();
    await(layer.client().replay(OTHER, replayed::add));
    assertThat(replayed).extracting(StreamRecord::pointer).containsExactlyElementsOf(otherPointers);
    for (ExtentInfo e : described(OTHER).extents()) {
      for (ExtentNodeInfo r : e.replicas()) {
        assertThat(layer.replicaFiles(rack(r), e.id())).as("%s on %s", e.id(), r.id()).isNotEmpty();
      }
    }
  }

  @Test
  void theDeletedStreamLeavesEveryDiskAndTheOtherStreamsStayWhole() throws Exception {
    write(OTHER, 20);
    write(UPLOAD, 40);
    StreamInfo upload = described(UPLOAD);
    assertThat(upload.extents()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(upload.last().sealed()).isFalse();
    assertThat(files(upload.extents())).hasSizeGreaterThanOrEqualTo(3 * upload.extents().size());

    await(layer.client().deleteStream(UPLOAD));
    await(layer.client().deleteStream(UPLOAD));

    assertThat(failureCode(writers.get(UPLOAD).append(List.of(Buffer.buffer("late part")))))
        .isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.client().claim(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(await(layer.manager().describe()).streams()).extracting(StreamInfo::id)
        .containsExactly(OTHER);
    awaitCollected(upload.extents());
    assertOtherIsWhole();
    write(OTHER, 5);
    assertOtherIsWhole();
  }

  @Test
  void theDeletionOutlivesALeaderChangeAndARestartOfTheWholeLayer() throws Exception {
    write(OTHER, 10);
    write(UPLOAD, 20);
    List<ExtentInfo> uploadExtents = described(UPLOAD).extents();
    await(layer.client().deleteStream(UPLOAD));

    StreamManagerPeer killed = layer.killLeader();
    assertThat(layer.leader().id()).isNotEqualTo(killed.id());
    assertThat(failureCode(layer.manager().claimStream(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.manager().describeStream(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(writers.get(UPLOAD).append(List.of(Buffer.buffer("x")))))
        .isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.client().claim(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    await(layer.client().deleteStream(UPLOAD));
    write(OTHER, 10);

    layer.stop(); // the peers still running snapshot as they stop: they restart from it
    int snapshotted = 0;
    for (int peer = 1; peer <= 3; peer++) {
      try (Stream<Path> files = Files.walk(layer.managerDir(peer))) {
        snapshotted += files.anyMatch(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
            ? 1 : 0;
      }
    }
    assertThat(snapshotted).isGreaterThanOrEqualTo(2);
    layer.start(RACKS, SHORT_GRACE);
    writers.clear(); // a new client

    assertThat(failureCode(layer.manager().claimStream(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.client().claim(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(await(layer.manager().describe()).streams()).extracting(StreamInfo::id)
        .containsExactly(OTHER);
    awaitCollected(uploadExtents);
    assertOtherIsWhole();
  }
}
