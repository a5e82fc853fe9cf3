package io.stampede.stream.manager;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.HeartbeatReply;
import io.stampede.stream.api.NodeHeartbeat;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream deletion on the in-process layer, on a test clock: the fence, the metadata, the collection. */
class StreamDeletionTest {
  private static final StreamId UPLOAD = StreamId.of("p1.mpu.u1");
  private static final StreamId OTHER = StreamId.of("p1.blob");
  private static final Duration GRACE = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Vertx vertx;
  private InProcessStreamLayer layer;
  private ReplicatedStreamClient client;
  private final Map<StreamId, StreamWriter> writers = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    layer = new InProcessStreamLayer(vertx, dir).withNodes(3, 2)
        .withManagerConfig(c -> c.withRepair(Duration.ofSeconds(1), 2, GRACE)
            .withDeletedStreamRetention(Duration.ofHours(1)));
    layer.startManager();
    client = client(layer.manager);
  }

  @AfterEach
  void tearDown() throws Exception {
    layer.close();
    await(vertx.close());
  }

  private ReplicatedStreamClient client(StreamManagerApi manager) {
    return new ReplicatedStreamClient(vertx, manager, layer.connector,
        StreamClientConfig.defaults().withExtentBytesTarget(200).withRetries(4, Duration.ofMillis(1)));
  }

  private List<ExtentPointer> write(StreamId stream, int count) throws Exception {
    List<ExtentPointer> pointers = new ArrayList<>();
    StreamWriter writer = writers.get(stream);
    if (writer == null) {
      writer = await(client.claim(stream));
      writers.put(stream, writer);
    }
    for (int i = 0; i < count; i++) {
      pointers.addAll(await(writer.append(List.of(block(i)))));
    }
    return pointers;
  }

  private static Buffer block(int i) {
    return Buffer.buffer("part-" + i + "-" + "p".repeat(30 + i % 11));
  }

  /** The files (extent, seal marker, replica list) any node holds for {@code extents}. */
  private List<Path> filesOf(List<ExtentInfo> extents) throws Exception {
    List<Path> found = new ArrayList<>();
    for (ExtentNodeInfo n : layer.infos) {
      try (Stream<Path> files = Files.list(layer.extentDir(n))) {
        files.filter(f -> extents.stream()
                .anyMatch(e -> f.getFileName().toString().startsWith(e.id().value() + ".")))
            .forEach(found::add);
      }
    }
    return found;
  }

  @Test
  void theOpenExtentIsSealedAndEveryReplicaDeletedAfterTheGrace() throws Exception {
    List<ExtentPointer> kept = write(OTHER, 6);
    write(UPLOAD, 20);
    StreamInfo before = await(layer.manager.describeStream(UPLOAD));
    assertThat(before.extents()).hasSizeGreaterThanOrEqualTo(3);
    ExtentInfo open = before.last();
    assertThat(open.sealed()).isFalse();
    await(layer.node(open.primary().id()).append(open.id(), before.epoch(), List.of(Buffer.buffer("tail"))));

    await(client.deleteStream(UPLOAD));

    for (ExtentNodeInfo r : open.replicas()) {
      long length = await(layer.node(r.id()).length(open.id()));
      assertThat(failureCode(layer.node(r.id()).replicate(open.id(), before.epoch(), length, List.of(block(99)))))
          .as("sealed on %s", r.id()).isEqualTo(StreamErrorCode.SEALED);
    }
    assertThat(await(layer.manager.describe()).streams()).extracting(StreamInfo::id).containsExactly(OTHER);
    assertThat(layer.managerMetrics.streamsDeleted()).isEqualTo(1);
    assertThat(layer.managerMetrics.extentsDeleted()).isEqualTo(before.extents().size());
    long sealedBytes = before.extents().stream().filter(ExtentInfo::sealed)
        .mapToLong(ExtentInfo::sealedLength).sum();
    assertThat(layer.managerMetrics.bytesReleased()).isGreaterThan(sealedBytes);

    int replicaFiles = filesOf(before.extents()).size();
    assertThat(replicaFiles).isGreaterThanOrEqualTo(3 * before.extents().size());
    layer.tick(GRACE.dividedBy(2));
    assertThat(filesOf(before.extents())).as("kept during the grace").hasSize(replicaFiles);
    layer.tick(GRACE);
    assertThat(filesOf(before.extents())).as("collected after the grace").isEmpty();
    assertThat(layer.managerMetrics.replicasCollected()).isEqualTo(3 * before.extents().size());
    assertThat(layer.managerMetrics.bytesCollected()).isGreaterThan(3 * sealedBytes);

    for (int i = 0; i < kept.size(); i++) {
      assertThat(await(client.read(kept.get(i)))).isEqualTo(block(i));
    }
    assertThat(await(layer.manager.describeStream(OTHER)).extents())
        .allSatisfy(e -> assertThat(filesOf(List.of(e))).hasSizeGreaterThanOrEqualTo(3));
  }

  @Test
  void appendsAfterTheDeletionFailDeletedAtOnce() throws Exception {
    write(UPLOAD, 3);
    StreamWriter writer = writers.get(UPLOAD);
    ExtentId open = await(layer.manager.describeStream(UPLOAD)).last().id();
    await(layer.manager.deleteStream(UPLOAD)); // behind the client's back: its extent is cached

    assertThat(failureCode(writer.append(List.of(block(3))))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(writer.append(List.of(block(4))))).as("the writer is done")
        .isEqualTo(StreamErrorCode.DELETED);
    Counting counting = new Counting(layer.manager);
    ReplicatedStreamClient fresh = client(counting);
    assertThat(failureCode(fresh.claim(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(counting.opens.get()).as("not retried").isEqualTo(1);
    assertThat(failureCode(fresh.replay(UPLOAD, r -> { }))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.manager.claimStream(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.manager.openStream(UPLOAD, writer.epoch()))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.manager.describeStream(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(failureCode(layer.manager.sealAndExtend(UPLOAD, open, 5, writer.epoch())))
        .isEqualTo(StreamErrorCode.DELETED);
  }

  @Test
  void deletingTwiceOrANeverOpenedStreamSucceeds() throws Exception {
    write(UPLOAD, 3);
    await(client.deleteStream(UPLOAD));
    await(client.deleteStream(UPLOAD));
    StreamId never = StreamId.of("p1.mpu.never");
    await(client.deleteStream(never));
    assertThat(layer.managerMetrics.streamsDeleted()).isEqualTo(2);
    assertThat(failureCode(client.claim(never))).isEqualTo(StreamErrorCode.DELETED);
    assertThat(await(layer.manager.describe()).streams()).isEmpty();
  }

  @Test
  void aDeletionIsForgottenAfterTheRetentionAndTheIdIsNewAgain() throws Exception {
    write(UPLOAD, 3);
    await(client.deleteStream(UPLOAD));
    layer.tick(Duration.ofMinutes(59));
    await(client.deleteStream(StreamId.of("p1.mpu.u2")));
    assertThat(failureCode(layer.manager.claimStream(UPLOAD))).isEqualTo(StreamErrorCode.DELETED);
    layer.tick(Duration.ofMinutes(2));
    await(client.deleteStream(StreamId.of("p1.mpu.u3")));
    StreamWriter writer = await(client.claim(UPLOAD));
    assertThat(writer.epoch()).as("a new stream, above every epoch an old writer may hold")
        .isGreaterThan(1);
    StreamInfo again = await(layer.manager.openStream(UPLOAD, writer.epoch()));
    assertThat(again.extents()).hasSize(1);
    List<ExtentPointer> appended = await(writer.append(List.of(block(7))));
    assertThat(appended).hasSize(1);
    assertThat(appended.get(0).extent()).isEqualTo(again.last().id());
  }

  @Test
  void aReplicaUnreachableAtTheDeletionIsCollectedWhenItsNodeReturns() throws Exception {
    write(UPLOAD, 8);
    StreamInfo before = await(layer.manager.describeStream(UPLOAD));
    ExtentNodeId away = before.last().replicas().get(1).id();
    layer.down(away);
    await(client.deleteStream(UPLOAD));
    layer.tick(GRACE.plusSeconds(1));
    layer.tick(GRACE.plusSeconds(1));
    List<Path> left = filesOf(before.extents());
    assertThat(left).isNotEmpty()
        .allSatisfy(f -> assertThat(f.getParent().getParent().getFileName().toString())
            .isEqualTo(away.value()));
    layer.up(away);
    layer.tick(Duration.ofSeconds(1));
    layer.tick(GRACE);
    assertThat(filesOf(before.extents())).isEmpty();
  }

  /** Counts the stream manager's claimStream and openStream calls. */
  private static final class Counting implements StreamManagerApi {
    final StreamManagerApi delegate;
    final AtomicInteger opens = new AtomicInteger();

    Counting(StreamManagerApi delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<HeartbeatReply> heartbeat(NodeHeartbeat heartbeat) {
      return delegate.heartbeat(heartbeat);
    }

    @Override
    public Future<StreamInfo> claimStream(StreamId stream) {
      opens.incrementAndGet();
      return delegate.claimStream(stream);
    }

    @Override
    public Future<StreamInfo> openStream(StreamId stream, long epoch) {
      opens.incrementAndGet();
      return delegate.openStream(stream, epoch);
    }

    @Override
    public Future<StreamInfo> describeStream(StreamId stream) {
      return delegate.describeStream(stream);
    }

    @Override
    public Future<StreamInfo> sealAndExtend(StreamId stream, ExtentId extent, long sealedLength, long epoch) {
      return delegate.sealAndExtend(stream, extent, sealedLength, epoch);
    }

    @Override
    public Future<Void> reportCorrupt(ExtentId extent, ExtentNodeId node) {
      return delegate.reportCorrupt(extent, node);
    }

    @Override
    public Future<StreamInfo> dropExtents(StreamId stream, java.util.List<ExtentId> extents, long epoch) {
      return delegate.dropExtents(stream, extents, epoch);
    }

    @Override
    public Future<Void> deleteStream(StreamId stream) {
      return delegate.deleteStream(stream);
    }

    @Override
    public Future<StampStreams> describe() {
      return delegate.describe();
    }
  }
}
