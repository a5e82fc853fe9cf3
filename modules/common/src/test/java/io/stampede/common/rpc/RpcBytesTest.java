package io.stampede.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.WireFormat;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Object bytes share memory across the Vert.x / protobuf boundary instead of being copied. */
class RpcBytesTest {
  @Test
  void aBufferAndItsByteStringShareTheBytes() {
    byte[] bytes = {1, 2, 3, 4, 5};
    Buffer buffer = RpcBytes.wrap(bytes);
    ByteString wrapped = RpcBytes.wrap(buffer, 1, 4);
    bytes[2] = 42;
    assertThat(wrapped.toByteArray()).containsExactly(2, 42, 4);
    assertThat(RpcBytes.wrap(ByteString.copyFrom(bytes)).getBytes()).isEqualTo(bytes);
  }

  @Test
  void aDecodedMessageSharesTheReceivedPayload() {
    BytesValue sent = BytesValue.of(ByteString.copyFrom(new byte[] {7, 8, 9}));
    GrpcMessage frame = RpcCodecs.<BytesValue>encoder().encode(sent, WireFormat.PROTOBUF);
    BytesValue received = RpcCodecs.decoder(BytesValue.parser()).decode(frame);
    assertThat(received).isEqualTo(sent);
    // the payload array is the one the message's bytes field reads from
    frame.payload().setByte(frame.payload().length() - 1, (byte) 99);
    assertThat(received.getValue().byteAt(2)).isEqualTo((byte) 99);
  }

  @Test
  void aBufferInPiecesIsSeenPieceByPieceWhereItLies() {
    byte[] first = {1, 2, 3};
    byte[] second = {4, 5};
    Buffer whole = BufferInternal.buffer(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(first),
        Unpooled.wrappedBuffer(second)));
    ByteBuffer[] pieces = RpcBytes.nioPieces(whole);
    assertThat(pieces).hasSize(2);
    first[0] = 9;
    assertThat(pieces[0].get(0)).isEqualTo((byte) 9);
    assertThat(pieces[0].remaining() + pieces[1].remaining()).isEqualTo(5);
    assertThat(RpcBytes.nioPieces(Buffer.buffer("one"))).hasSize(1);
  }

  @Test
  void aSpanOfABufferInPiecesIsOneViewPerPiece() {
    byte[] first = {1, 2, 3};
    byte[] second = {4, 5, 6};
    Buffer whole = BufferInternal.buffer(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(first),
        Unpooled.wrappedBuffer(second)));
    List<Buffer> views = RpcBytes.pieces(whole, 1, 5);
    assertThat(views).extracting(Buffer::getBytes).containsExactly(new byte[] {2, 3}, new byte[] {4, 5});
    second[0] = 40;
    assertThat(views.get(1).getByte(0)).as("a view, not a copy").isEqualTo((byte) 40);
    assertThat(RpcBytes.pieces(whole, 3, 6)).extracting(Buffer::getBytes).containsExactly(new byte[] {40, 5, 6});
    assertThat(RpcBytes.pieces(whole, 2, 2)).isEmpty();
    assertThat(RpcBytes.pieces(Buffer.buffer("whole"), 1, 3)).extracting(Buffer::toString).containsExactly("ho");
  }
}
