package io.stampede.partition.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.grpc.PartitionServerBinding;
import io.stampede.partition.server.PartitionServer;
import io.stampede.partition.server.PartitionServerConfig;
import io.stampede.partition.throttle.RateLimit;
import io.stampede.partition.throttle.RequestRateLimits;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** A partition server given one range, the whole key space, and loaded: tests of a single server. */
public final class WholeKeySpace {
  private WholeKeySpace() {}

  public static PartitionServer served(PartitionServerConfig config, StreamClient streams, MeterRegistry registry,
      Clock clock, Context context) {
    PartitionServer server = new PartitionServer(config, streams, registry, clock, context);
    server.update(new PartitionMap(1, List.of(PartitionEntry.of(PartitionId.of("p0"), KeyRange.ALL, config.id())),
        Map.of()), Long.MAX_VALUE);
    Awaitility.await().until(() -> server.rangesServed() == 1);
    return server;
  }

  /**
   * A partition server {@code ps1} over the whole key space whose buckets each take two requests
   * a second (so a test can draw the SLOW_DOWN refusal), served on loopback as a node serves it:
   * gRPC and the upload data plane ({@link PartitionServerBinding}). Its endpoint; closing
   * {@code vertx} stops it.
   */
  public static Endpoint listening(Vertx vertx, StreamClient streams, Clock clock, Context context) {
    PartitionServer server = served(PartitionServerConfig.defaults(StampId.of("s1"), PartitionServerId.of("ps1"),
            Endpoint.of("127.0.0.1", 0), List.of(Endpoint.of("127.0.0.1", 1)))
        .withLimits(RequestRateLimits.unlimited().withBucket(RateLimit.perSecond(2))),
        streams, new SimpleMeterRegistry(), clock, context);
    GrpcServer rpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(PartitionGrpc.MESSAGE_BYTES_MAX));
    HttpServer http = Await.await(vertx.createHttpServer().requestHandler(PartitionServerBinding.bind(rpc, server))
        .listen(0, "127.0.0.1"));
    return Endpoint.of("127.0.0.1", http.actualPort());
  }
}
