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

  default byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    if (this instanceof RegisterNode c) {
      b.put((byte) 1);
      putNode(b, c.node());
    } else if (this instanceof AddExtent c) {
      b.put((byte) 2);
      putString(b, c.stream().value());
      putString(b, c.extent().value());
      b.put((byte) c.replicas().size());
      c.replicas().forEach(n -> putNode(b, n));
    } else if (this instanceof SealExtent c) {
      b.put((byte) 3);
      putString(b, c.extent().value());
      b.putLong(c.length());
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
        ExtentId extent = ExtentId.of(string(b));
        int n = b.get() & 0xff;
        List<ExtentNodeInfo> replicas = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          replicas.add(node(b));
        }
        return new AddExtent(stream, extent, replicas);
      case 3:
        return new SealExtent(ExtentId.of(string(b)), b.getLong());
      default:
        throw new IllegalArgumentException("unknown stream command type " + type);
    }
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
