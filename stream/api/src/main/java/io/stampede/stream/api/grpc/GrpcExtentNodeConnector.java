package io.stampede.stream.api.grpc;

import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.http.BlockTransferClient;
import io.stampede.stream.api.http.LocalReads;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reaches extent nodes over gRPC: one {@link GrpcExtentNodeClient} per endpoint, all sharing one
 * {@link GrpcClient} and, if given, one {@link BlockTransferClient} for block bytes and one
 * {@link LocalReads} for single blocks of nodes on this host (whose owner closes them).
 */
public final class GrpcExtentNodeConnector implements Function<ExtentNodeInfo, ExtentNodeApi> {
  private final GrpcClient client;
  private final BlockTransferClient blocks;
  private final LocalReads local;
  private final Duration timeout;
  private final Map<Endpoint, ExtentNodeApi> clients = new ConcurrentHashMap<>();

  /** Every call over gRPC. */
  public GrpcExtentNodeConnector(GrpcClient client, Duration timeout) {
    this(client, null, timeout);
  }

  /** Block bytes (single reads, appends, replica writes) over {@code blocks}, the rest over gRPC. */
  public GrpcExtentNodeConnector(GrpcClient client, BlockTransferClient blocks, Duration timeout) {
    this(client, blocks, null, timeout);
  }

  /** As above, and single blocks of nodes on this host read from their files ({@code local}). */
  public GrpcExtentNodeConnector(GrpcClient client, BlockTransferClient blocks, LocalReads local, Duration timeout) {
    this.client = client;
    this.blocks = blocks;
    this.local = local;
    this.timeout = timeout;
  }

  @Override
  public ExtentNodeApi apply(ExtentNodeInfo node) {
    return clients.computeIfAbsent(node.endpoint(), e -> new GrpcExtentNodeClient(client, blocks, local, e, timeout));
  }
}
