package io.stampede.common.rpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.netty.buffer.Unpooled;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.WireFormat;

/**
 * Protobuf codecs for the messages that carry object bytes (4 MiB batches of blocks), sparing the
 * copies of Vert.x gRPC's generated codecs: a message is serialized into one array that becomes
 * the frame's payload as it is (the generated encoder copies it once more), and parsed straight
 * from the received frame with its bytes fields sharing it (the generated decoder copies the
 * payload out, then protobuf copies every bytes field). Only the protobuf wire format.
 */
public final class RpcCodecs {
  private RpcCodecs() {}

  /** Serializes a message into the payload without a further copy. */
  public static <T extends MessageLite> GrpcMessageEncoder<T> encoder() {
    return new GrpcMessageEncoder<>() {
      @Override
      public GrpcMessage encode(T msg, WireFormat format) {
        return GrpcMessage.message("identity", BufferInternal.buffer(Unpooled.wrappedBuffer(msg.toByteArray())));
      }

      @Override
      public boolean accepts(WireFormat format) {
        return format == WireFormat.PROTOBUF;
      }
    };
  }

  /** Parses a message whose bytes fields share the received payload ({@link RpcBytes}). */
  public static <T> GrpcMessageDecoder<T> decoder(Parser<T> parser) {
    return new GrpcMessageDecoder<>() {
      @Override
      public T decode(GrpcMessage msg) {
        // only a stream over bytes it may take for immutable (a ByteString's) hands out shares of them
        CodedInputStream in = RpcBytes.wrap(msg.payload()).newCodedInput();
        in.enableAliasing(true);
        try {
          return parser.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
          throw new CodecException(e);
        }
      }

      @Override
      public boolean accepts(WireFormat format) {
        return format == WireFormat.PROTOBUF;
      }
    };
  }
}
