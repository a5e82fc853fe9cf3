package io.stampede.stream.client;

import static io.stampede.stream.testing.InProcessStreamLayer.await;
import static io.stampede.stream.testing.InProcessStreamLayer.failureCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.StreamId;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamClient.StreamRecord;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.testing.InProcessStreamLayer;
import io.stampede.stream.testing.LostAckNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner epochs on the in-process layer: a claim fences every earlier writer of the stream, here
 * and on the extent nodes, without losing a block any of them had acknowledged.
 */
class StreamFencingTest {
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

  private ReplicatedStreamClient client() {
    return new ReplicatedStreamClient(vertx, layer.manager, layer.connector,
        StreamClientConfig.defaults().withRetries(4, Duration.ofMillis(1)));
  }

  private static Buffer block(String owner, int i) {
    return Buffer.buffer(owner + "-" + i + "-" + "w".repeat(i % 5));
  }

  private static long end(ExtentPointer p) {
    return p.offset() + 8 + p.length();
  }

  private List<StreamRecord> replay() throws Exception {
    List<StreamRecord> replayed = new ArrayList<>();
    await(client().replay(LOG, replayed::add));
    return replayed;
  }

  @Test
  void aClaimByAnotherClientFencesTheEarlierWriter() throws Exception {
    StreamWriter a = await(client().claim(LOG));
    List<ExtentPointer> acked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acked.addAll(await(a.append(List.of(block("a", i)))));
    }
    ExtentInfo aExtent = await(layer.manager.describeStream(LOG)).last();
    assertThat(aExtent.sealed()).isFalse();

    ReplicatedStreamClient other = client();
    StreamWriter b = await(other.claim(LOG));
    assertThat(b.epoch()).isGreaterThan(a.epoch());
    StreamInfo claimed = await(layer.manager.describeStream(LOG));
    assertThat(claimed.epoch()).isEqualTo(b.epoch());
    ExtentInfo sealed = claimed.last();
    assertThat(sealed.id()).isEqualTo(aExtent.id());
    assertThat(sealed.sealed()).as("the claim sealed the open extent").isTrue();
    assertThat(sealed.sealedLength()).isEqualTo(end(acked.get(acked.size() - 1)));

    List<ExtentPointer> bAcked = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      bAcked.addAll(await(b.append(List.of(block("b", i)))));
    }
    assertThat(bAcked).allSatisfy(p -> assertThat(p.extent()).isNotEqualTo(sealed.id()));

    // the old writer still believes its extent open: the extent nodes refuse its epoch
    assertThat(failureCode(a.append(List.of(block("a", 5))))).isEqualTo(StreamErrorCode.FENCED);
    assertThat(failureCode(a.append(List.of(block("a", 6))))).as("fenced for good")
        .isEqualTo(StreamErrorCode.FENCED);
    // so does the stream manager, whatever it asks in the old epoch's name
    assertThat(failureCode(layer.manager.sealAndExtend(LOG, sealed.id(),
        StreamManagerApi.SEAL_AT_COMMIT_LENGTH, a.epoch()))).isEqualTo(StreamErrorCode.FENCED);
    ExtentInfo bExtent = await(layer.manager.describeStream(LOG)).last();
    assertThat(failureCode(layer.manager.sealAndExtend(LOG, bExtent.id(), 0, a.epoch())))
        .isEqualTo(StreamErrorCode.FENCED);
    assertThat(failureCode(layer.manager.openStream(LOG, a.epoch()))).isEqualTo(StreamErrorCode.FENCED);
    // and an append of the old epoch sent straight to the new extent's primary
    assertThat(failureCode(layer.connector.apply(bExtent.primary())
        .append(bExtent.id(), a.epoch(), List.of(block("a", 7))))).isEqualTo(StreamErrorCode.FENCED);
    assertThat(await(layer.manager.describeStream(LOG)).last()).as("B's extent stays open")
        .isEqualTo(bExtent);

    for (int i = 0; i < acked.size(); i++) {
      assertThat(acked.get(i).extent()).isEqualTo(sealed.id());
      assertThat(end(acked.get(i))).isLessThanOrEqualTo(sealed.sealedLength());
      assertThat(await(other.read(acked.get(i)))).isEqualTo(block("a", i));
    }
    List<ExtentPointer> all = new ArrayList<>(acked);
    all.addAll(bAcked);
    List<StreamRecord> replayed = replay();
    assertThat(replayed).extracting(StreamRecord::pointer).containsExactlyElementsOf(all);
    List<Buffer> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(block("a", i));
    }
    for (int i = 0; i < 3; i++) {
      expected.add(block("b", i));
    }
    assertThat(replayed).extracting(StreamRecord::data).containsExactlyElementsOf(expected);
    // the new writer is not disturbed by the old one's attempts
    assertThat(await(b.append(List.of(block("b", 3))))).hasSize(1);
  }

  @Test
  void aClaimWhileTheEarlierWriterAppendsKeepsExactlyWhatItAcknowledged() throws Exception {
    StreamWriter a = await(client().claim(LOG));
    List<ExtentPointer> aAcked = new ArrayList<>(await(a.append(List.of(block("a", 0)))));
    List<Buffer> aBlocks = new ArrayList<>(List.of(block("a", 0)));
    List<Future<List<ExtentPointer>>> inFlight = new ArrayList<>();
    for (int i = 1; i < 60; i++) {
      inFlight.add(a.append(List.of(block("a", i))));
    }
    StreamWriter b = await(client().claim(LOG));
    List<ExtentPointer> bAcked = new ArrayList<>(await(b.append(List.of(block("b", 0)))));
    boolean fenced = false;
    for (int i = 0; i < inFlight.size(); i++) {
      Future<List<ExtentPointer>> f = inFlight.get(i);
      try {
        List<ExtentPointer> p = await(f);
        assertThat(fenced).as("append %d acknowledged after an earlier one was fenced", i + 1)
            .isFalse();
        aAcked.addAll(p);
        aBlocks.add(block("a", i + 1));
      } catch (ExecutionException e) {
        assertThat(failureCode(f)).isEqualTo(StreamErrorCode.FENCED);
        fenced = true;
      }
    }
    assertThat(failureCode(a.append(List.of(block("a", 99))))).isEqualTo(StreamErrorCode.FENCED);
    bAcked.addAll(await(b.append(List.of(block("b", 1)))));

    List<StreamRecord> replayed = replay();
    List<Buffer> expected = new ArrayList<>(aBlocks);
    expected.add(block("b", 0));
    expected.add(block("b", 1));
    assertThat(replayed).extracting(StreamRecord::data)
        .as("A's acknowledged blocks, then B's; nothing else").containsExactlyElementsOf(expected);
    assertThat(replayed.subList(0, aAcked.size())).extracting(StreamRecord::pointer)
        .containsExactlyElementsOf(aAcked);
    assertThat(replayed.subList(replayed.size() - 2, replayed.size()))
        .extracting(StreamRecord::pointer).containsExactlyElementsOf(bAcked);
    StreamInfo stream = await(layer.manager.describeStream(LOG));
    for (ExtentPointer p : aAcked) {
      ExtentInfo e = stream.extents().stream().filter(x -> x.id().equals(p.extent()))
          .findFirst().orElseThrow();
      assertThat(e.sealed()).isTrue();
      assertThat(end(p)).isLessThanOrEqualTo(e.sealedLength());
    }
  }

  @Test
  void aSecondClaimThroughTheSameClientEndsItsEarlierWriterAtOnce() throws Exception {
    ReplicatedStreamClient client = client();
    StreamWriter a = await(client.claim(LOG));
    ExtentPointer kept = await(a.append(List.of(block("a", 0)))).get(0);
    StreamWriter b = await(client.claim(LOG));
    assertThat(b.epoch()).isEqualTo(a.epoch() + 1);
    assertThat(failureCode(a.append(List.of(block("a", 1))))).isEqualTo(StreamErrorCode.FENCED);
    ExtentPointer next = await(b.append(List.of(block("b", 0)))).get(0);
    assertThat(replay()).extracting(StreamRecord::pointer).containsExactly(kept, next);
  }

  @Test
  void aClaimSealsAtTheLengthOfTheReplicasThatDidNotCutTheirTail() throws Exception {
    StreamWriter a = await(client().claim(LOG));
    List<ExtentPointer> acked = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      acked.addAll(await(a.append(List.of(block("a", i)))));
    }
    ExtentInfo open = await(layer.manager.describeStream(LOG)).last();
    long length = end(acked.get(2));
    // a secondary's disk lost part of the last acknowledged block; it recovers by cutting it
    ExtentNodeInfo cut = open.replicas().get(2);
    Path file = layer.extentDir(cut).resolve(open.id().value() + ".ext");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 0x10;
    Files.write(file, bytes);
    layer.restart(cut.id());
    assertThat(await(layer.node(cut.id()).length(open.id()))).isEqualTo(acked.get(2).offset());

    StreamWriter b = await(client().claim(LOG));
    ExtentInfo sealed = await(layer.manager.describeStream(LOG)).last();
    assertThat(sealed.id()).isEqualTo(open.id());
    assertThat(sealed.sealed()).isTrue();
    assertThat(sealed.sealedLength()).as("the two whole replicas choose the length").isEqualTo(length);
    for (ExtentNodeInfo r : open.replicas()) {
      if (!r.id().equals(cut.id())) {
        assertThat(await(layer.node(r.id()).length(open.id()))).isEqualTo(length);
      }
    }
    for (int i = 0; i < 3; i++) {
      assertThat(await(client().read(acked.get(i)))).isEqualTo(block("a", i));
    }
    ExtentPointer next = await(b.append(List.of(block("b", 0)))).get(0);
    List<ExtentPointer> all = new ArrayList<>(acked);
    all.add(next);
    assertThat(replay()).extracting(StreamRecord::pointer).containsExactlyElementsOf(all);
  }
  @Test
  void anAppendWhoseAnswerIsLostWhileANewOwnerClaimsIsAcknowledgedWhenTheClaimKeptIt() throws Exception {
    Promise<Void> release = Promise.promise();
    LossyWriter lossy = lossyPrimaryWriter(release.future());
    StreamWriter a = lossy.writer;
    ExtentPointer first = await(a.append(List.of(block("a", 0)))).get(0);
    lossy.node.lost.set(1);
    Future<List<ExtentPointer>> answerLost = a.append(List.of(block("a", 1)));
    await(lossy.node.landed.future());
    StreamWriter b = await(client().claim(LOG));
    release.complete();

    ExtentPointer kept = await(answerLost).get(0);
    assertThat(kept.extent()).isEqualTo(first.extent());
    ExtentPointer next = await(b.append(List.of(block("b", 0)))).get(0);
    assertThat(replay()).extracting(StreamRecord::pointer)
        .as("the claim sealed the extent over A's block: it is acknowledged to A, and in B's stream")
        .containsExactly(first, kept, next);
    assertThat(failureCode(a.append(List.of(block("a", 2))))).isEqualTo(StreamErrorCode.FENCED);
  }

  @Test
  void anAppendFencedBeforeItLandedFailsAndNeverShowsUp() throws Exception {
    ReplicatedStreamClient client = client();
    StreamWriter a = await(client.claim(LOG));
    ExtentPointer first = await(a.append(List.of(block("a", 0)))).get(0);
    StreamWriter b = await(client().claim(LOG));
    assertThat(failureCode(a.append(List.of(block("a", 1))))).isEqualTo(StreamErrorCode.FENCED);
    ExtentPointer next = await(b.append(List.of(block("b", 0)))).get(0);
    assertThat(replay()).extracting(StreamRecord::data).containsExactly(block("a", 0), block("b", 0));
    assertThat(replay()).extracting(StreamRecord::pointer).containsExactly(first, next);
  }

  /** A writer whose first extent's primary loses the answers of appends (held until {@code release}). */
  private LossyWriter lossyPrimaryWriter(Future<Void> release) throws Exception {
    Map<ExtentNodeId, ExtentNodeApi> lossyNodes = new ConcurrentHashMap<>();
    ReplicatedStreamClient client = new ReplicatedStreamClient(vertx, layer.manager,
        n -> lossyNodes.getOrDefault(n.id(), layer.connector.apply(n)),
        StreamClientConfig.defaults().withRetries(4, Duration.ofMillis(1)));
    StreamWriter writer = await(client.claim(LOG));
    ExtentInfo extent = await(layer.manager.openStream(LOG, writer.epoch())).last();
    LostAckNode node = new LostAckNode(layer.connector.apply(extent.primary()), 0).holdAnswersUntil(release);
    lossyNodes.put(extent.primary().id(), node);
    return new LossyWriter(writer, node);
  }

  private record LossyWriter(StreamWriter writer, LostAckNode node) {}
}
