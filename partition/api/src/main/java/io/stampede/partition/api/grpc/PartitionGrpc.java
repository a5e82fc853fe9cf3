package io.stampede.partition.api.grpc;

import io.stampede.common.rpc.RpcTransport;
import io.stampede.common.net.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;

/** Wire settings shared by the partition layer's gRPC clients and servers. */
public final class PartitionGrpc {
  /** The largest gRPC message either side accepts. */
  public static final int MESSAGE_BYTES_MAX = 8 * 1024 * 1024;
  /**
   * The largest chunk of object bytes in one PutObject or GetObject message: 64 bytes under
   * 256 KiB, so that the message with its framing fits the 256 KiB buffer the receiver gathers it
   * in (one byte more and the buffer doubles).
   */
  public static final int CHUNK_BYTES_MAX = 256 * 1024 - 64;

  private PartitionGrpc() {}

  /** A gRPC client with the partition layer's message limit and deadlines enforced. */
  public static GrpcClient client(Vertx vertx) {
    return GrpcClient.client(vertx, new GrpcClientOptions()
        .setMaxMessageSize(MESSAGE_BYTES_MAX)
        .setScheduleDeadlineAutomatically(true), RpcTransport.clientOptions());
  }

  public static SocketAddress address(Endpoint endpoint) {
    return SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host());
  }
}
