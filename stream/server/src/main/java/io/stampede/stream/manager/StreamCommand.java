package io.stampede.stream.manager;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StreamId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentNodeInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to the stream layer's metadata, applied by {@link StreamMetadata#apply}. Encoded
 * (big-endian) as a type byte then fields; strings are u16 length + UTF-8, an extent node is
 * id, rack, host (strings) and port (i32):
 *
 * <pre>
 * 1 RegisterNode: node
 * 2 AddExtent:    stream, extent, u8 replica count, nodes (primary first)
 * 3 SealExtent:   extent, i64 sealed length
 * 4 ReserveExtent: extent                 (its id is never handed out again)
 * 5 SetReplicas:  extent, u8 replica count, nodes   (after a repair or a dropped replica)
 * 6 DeleteStream: stream, i64 deleted at (epoch ms), i64 forget deletions before (epoch ms)
 * 7 ClaimStream:  stream, i64 owner epoch  (creates the stream, without extents, if new)
 * 8 DropExtents:  stream, i64 owner epoch, u16 count, extents  (garbage collected)
 * </pre>
 */
public sealed interface StreamCommand {
  record RegisterNode(ExtentNodeInfo node) implements StreamCommand {}

  record AddExtent(StreamId stream, ExtentId extent, List<ExtentNodeInfo> replicas)
      implements StreamCommand {
    public AddExtent {
      replicas = List.copyOf(replicas);
    }
  }

  record SealExtent(ExtentId extent, long length) implements StreamCommand {}

  record ReserveExtent(ExtentId extent) implements StreamCommand {}

  record SetReplicas(ExtentId extent, List<ExtentNodeInfo> replicas) implements StreamCommand {
    public SetReplicas {
      replicas = List.copyOf(replicas);
    }
  }

  /**
   * Removes the stream and its extents, and remembers the stream as deleted (at
   * {@code deletedAtMs}, the leader's clock); deletions remembered from before
   * {@code forgetBeforeMs} are forgotten (their ids become new again), which bounds the memory.
   */
  record DeleteStream(StreamId stream, long deletedAtMs, long forgetBeforeMs)
      implements StreamCommand {}

  /**
   * A new owner takes the stream: its owner epoch becomes {@code epoch}, which must be higher than
   * the current one (a deposed leader's stale claim is refused).
   */
  record ClaimStream(StreamId stream, long epoch) implements StreamCommand {}

  /**
   * The stream's owner of {@code epoch} drops sealed extents no index points into any more; they
   * leave the stream, their replicas become orphans.
   */
  record DropExtents(StreamId stream, long epoch, List<ExtentId> extents) implements StreamCommand {
    public DropExtents {
      extents = List.copyOf(extents);
    }
  }

  default byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    if (this instanceof RegisterNode c) {
      b.put((byte) 1);
      putNode(b, c.node());
    } else if (this instanceof AddExtent c) {
      b.put((byte) 2);
      putString(b, c.stream().value());
      putString(b, c.extent().value());
      putNodes(b, c.replicas());
    } else if (this instanceof SealExtent c) {
      b.put((byte) 3);
      putString(b, c.extent().value());
      b.putLong(c.length());
    } else if (this instanceof ReserveExtent c) {
      b.put((byte) 4);
      putString(b, c.extent().value());
    } else if (this instanceof SetReplicas c) {
      b.put((byte) 5);
      putString(b, c.extent().value());
      putNodes(b, c.replicas());
    } else if (this instanceof DeleteStream c) {
      b.put((byte) 6);
      putString(b, c.stream().value());
      b.putLong(c.deletedAtMs()).putLong(c.forgetBeforeMs());
    } else if (this instanceof ClaimStream c) {
      b.put((byte) 7);
      putString(b, c.stream().value());
      b.putLong(c.epoch());
    } else if (this instanceof DropExtents c) {
      b.put((byte) 8);
      putString(b, c.stream().value());
      b.putLong(c.epoch());
      b.putShort((short) c.extents().size());
      c.extents().forEach(e -> putString(b, e.value()));
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  static StreamCommand decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int type = b.get();
    switch (type) {
      case 1:
        return new RegisterNode(node(b));
      case 2:
        StreamId stream = StreamId.of(string(b));
        return new AddExtent(stream, ExtentId.of(string(b)), nodes(b));
      case 3:
        return new SealExtent(ExtentId.of(string(b)), b.getLong());
      case 4:
        return new ReserveExtent(ExtentId.of(string(b)));
      case 5:
        return new SetReplicas(ExtentId.of(string(b)), nodes(b));
      case 6:
        return new DeleteStream(StreamId.of(string(b)), b.getLong(), b.getLong());
      case 7:
        return new ClaimStream(StreamId.of(string(b)), b.getLong());
      case 8:
        StreamId dropping = StreamId.of(string(b));
        long epoch = b.getLong();
        int n = b.getShort() & 0xffff;
        List<ExtentId> dropped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          dropped.add(ExtentId.of(string(b)));
        }
        return new DropExtents(dropping, epoch, dropped);
      default:
        throw new IllegalArgumentException("unknown stream command type " + type);
    }
  }

  private static void putNodes(ByteBuffer b, List<ExtentNodeInfo> nodes) {
    b.put((byte) nodes.size());
    nodes.forEach(n -> putNode(b, n));
  }

  private static List<ExtentNodeInfo> nodes(ByteBuffer b) {
    int n = b.get() & 0xff;
    List<ExtentNodeInfo> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      nodes.add(node(b));
    }
    return nodes;
  }

  private static void putNode(ByteBuffer b, ExtentNodeInfo n) {
    putString(b, n.id().value());
    putString(b, n.rack().value());
    putString(b, n.endpoint().host());
    b.putInt(n.endpoint().port());
  }

  private static ExtentNodeInfo node(ByteBuffer b) {
    return new ExtentNodeInfo(ExtentNodeId.of(string(b)), RackId.of(string(b)),
        Endpoint.of(string(b), b.getInt()));
  }

  private static void putString(ByteBuffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.putShort((short) bytes.length).put(bytes);
  }

  private static String string(ByteBuffer b) {
    byte[] bytes = new byte[b.getShort() & 0xffff];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
