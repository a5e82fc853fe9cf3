package io.stampede.common.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Object bytes between Vert.x buffers and protobuf {@link ByteString}s without copying them:
 * a 4 MiB batch crosses three roles in one JVM, and each copy at each hop costs heap. Both
 * directions share the bytes, so neither side may change them afterwards: object bytes are
 * never changed once cut into a block or a chunk.
 */
public final class RpcBytes {
  private RpcBytes() {}

  /** The bytes of {@code buffer} as a ByteString sharing them. */
  public static ByteString wrap(Buffer buffer) {
    if (!(buffer instanceof BufferInternal internal)) {
      return UnsafeByteOperations.unsafeWrap(buffer.getBytes());
    }
    ByteBuf b = internal.getByteBuf();
    return b.hasArray()
        ? UnsafeByteOperations.unsafeWrap(b.array(), b.arrayOffset() + b.readerIndex(), b.readableBytes())
        : UnsafeByteOperations.unsafeWrap(b.nioBuffer());
  }

  /** The bytes {@code start} (inclusive) to {@code end} (exclusive) of {@code buffer}, shared. */
  public static ByteString wrap(Buffer buffer, int start, int end) {
    return wrap(buffer.slice(start, end));
  }

  /**
   * The bytes of {@code buffer} as a NIO buffer over them where they lie (a view, not a copy,
   * unless the buffer is made of several pieces).
   */
  public static ByteBuffer nio(Buffer buffer) {
    return buffer instanceof BufferInternal internal ? internal.getByteBuf().nioBuffer()
        : ByteBuffer.wrap(buffer.getBytes());
  }

  /**
   * The bytes of {@code buffer} as NIO buffers over them where they lie, one per piece of a buffer
   * made of several: never a copy.
   */
  public static ByteBuffer[] nioPieces(Buffer buffer) {
    return buffer instanceof BufferInternal internal ? internal.getByteBuf().nioBuffers()
        : new ByteBuffer[] {ByteBuffer.wrap(buffer.getBytes())};
  }

  /**
   * The bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code buffer} as views of the
   * pieces they lie in, one buffer per piece of a buffer made of several: never a copy. A buffer
   * that spans pieces would be merged into one new array (and that copied again) when written to
   * a socket; a view of one piece is copied once.
   */
  public static List<Buffer> pieces(Buffer buffer, int from, int to) {
    if (!(buffer instanceof BufferInternal internal) || internal.getByteBuf().nioBufferCount() <= 1) {
      return List.of(buffer.slice(from, to));
    }
    ByteBuffer[] pieces = internal.getByteBuf().nioBuffers(from, to - from);
    List<Buffer> views = new ArrayList<>(pieces.length);
    for (ByteBuffer piece : pieces) {
      if (piece.hasRemaining()) {
        views.add(BufferInternal.buffer(Unpooled.wrappedBuffer(piece)));
      }
    }
    return views;
  }

  /** {@code bytes} as a Vert.x buffer sharing them (the caller gives them up). */
  public static Buffer wrap(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /** The bytes of {@code bytes} as a read-only Vert.x buffer sharing them. */
  public static Buffer wrap(ByteString bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes.asReadOnlyByteBuffer()));
  }
}
