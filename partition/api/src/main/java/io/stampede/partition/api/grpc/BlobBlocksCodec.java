package io.stampede.partition.api.grpc;

import io.stampede.common.id.ExtentId;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.blob.BlobBlocks;
import io.stampede.proto.partition.BlobBlocksMsg;
import io.stampede.stream.api.ExtentPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link BlobBlocks} to and from its message: each extent listed once, blocks naming it by index. */
public final class BlobBlocksCodec {
  private BlobBlocksCodec() {}

  public static BlobBlocksMsg toMsg(BlobBlocks blocks) {
    BlobBlocksMsg.Builder b = BlobBlocksMsg.newBuilder().setFirstBlockStart(blocks.firstBlockStart());
    Map<ExtentId, Integer> index = new LinkedHashMap<>();
    for (ExtentPointer p : blocks.blocks()) {
      int at = index.computeIfAbsent(p.extent(), id -> {
        b.addExtents(BlobBlocksMsg.Extent.newBuilder().setId(id.value())
            .addAllReplicas(blocks.replicas().get(id).stream().map(Endpoint::toString).toList()));
        return index.size();
      });
      b.addBlocks(BlobBlocksMsg.Block.newBuilder().setExtent(at).setOffset(p.offset()).setLength(p.length()));
    }
    return b.build();
  }

  /** Throws IllegalArgumentException on a message that does not hold together. */
  public static BlobBlocks fromMsg(BlobBlocksMsg msg) {
    List<ExtentId> ids = new ArrayList<>();
    Map<ExtentId, List<Endpoint>> replicas = new HashMap<>();
    for (BlobBlocksMsg.Extent e : msg.getExtentsList()) {
      ExtentId id = ExtentId.of(e.getId());
      ids.add(id);
      replicas.put(id, e.getReplicasList().stream().map(Endpoint::parse).toList());
    }
    List<ExtentPointer> blocks = new ArrayList<>();
    for (BlobBlocksMsg.Block b : msg.getBlocksList()) {
      if (b.getExtent() < 0 || b.getExtent() >= ids.size()) {
        throw new IllegalArgumentException("block names extent " + b.getExtent() + " of " + ids.size());
      }
      blocks.add(new ExtentPointer(ids.get(b.getExtent()), b.getOffset(), b.getLength()));
    }
    return new BlobBlocks(blocks, msg.getFirstBlockStart(), replicas);
  }
}
