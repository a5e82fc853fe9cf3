package io.stampede.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.WireFormat;
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
}
