package io.stampede.partition.api.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stampede.common.id.ExtentId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.blob.BlobBlocks;
import io.stampede.proto.partition.BlobBlocksMsg;
import io.stampede.stream.api.ExtentPointer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlobBlocksCodecTest {
  private static final ExtentId E1 = ExtentId.of("p1-blobs-1");
  private static final ExtentId E2 = ExtentId.of("p1-blobs-2");

  @Test
  void blocksAndTheirReplicasSurviveTheMessageEachExtentListedOnce() {
    BlobBlocks blocks = new BlobBlocks(
        List.of(new ExtentPointer(E1, 0, 100), new ExtentPointer(E2, 8, 50), new ExtentPointer(E1, 108, 7)),
        4096, Map.of(E1, List.of(Endpoint.of("127.0.1.1", 9200), Endpoint.of("127.0.2.1", 9200)),
            E2, List.of(Endpoint.of("127.0.3.1", 9201))));
    BlobBlocksMsg msg = BlobBlocksCodec.toMsg(blocks);
    assertEquals(2, msg.getExtentsCount());
    assertEquals(blocks, BlobBlocksCodec.fromMsg(msg));
  }

  @Test
  void aMessageThatDoesNotHoldTogetherIsRefused() {
    BlobBlocksMsg.Block block = BlobBlocksMsg.Block.newBuilder().setExtent(1).setOffset(0).setLength(1).build();
    BlobBlocksMsg.Extent extent = BlobBlocksMsg.Extent.newBuilder().setId("e").addReplicas("127.0.0.1:1").build();
    assertThrows(IllegalArgumentException.class,
        () -> BlobBlocksCodec.fromMsg(BlobBlocksMsg.newBuilder().addExtents(extent).addBlocks(block).build()));
    BlobBlocksMsg.Extent noReplicas = BlobBlocksMsg.Extent.newBuilder().setId("e").build();
    assertThrows(IllegalArgumentException.class, () -> BlobBlocksCodec.fromMsg(BlobBlocksMsg.newBuilder()
        .addExtents(noReplicas).addBlocks(block.toBuilder().setExtent(0)).build()));
    assertThrows(IllegalArgumentException.class, () -> BlobBlocksCodec.fromMsg(BlobBlocksMsg.newBuilder()
        .addExtents(extent.toBuilder().setReplicas(0, "nonsense")).addBlocks(block.toBuilder().setExtent(0)).build()));
  }
}
