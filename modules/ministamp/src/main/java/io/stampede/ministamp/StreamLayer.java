package io.stampede.ministamp;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamInfo;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerServer;
import io.stampede.stream.node.ExtentNodeConfig;
import io.stampede.stream.node.ExtentNodeServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The stamp's stream layer: a stream manager and extent nodes on every rack. */
final class StreamLayer {
  private final Vertx vertx;
  private final StampConfig config;
  private final PortPlan ports;
  private final MeterRegistry registry;
  private final Clock clock;
  private final List<ExtentNodeServer> nodes = new ArrayList<>();
  private final List<ReplicatedStreamClient> clients = new ArrayList<>();
  private StreamManagerServer manager;

  StreamLayer(Vertx vertx, StampConfig config, PortPlan ports, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.ports = ports;
    this.registry = registry;
    this.clock = clock;
  }

  Future<Void> start() {
    manager = new StreamManagerServer(vertx,
        StreamManagerConfig.defaults(config.stamp(), ports.streamManager(), config.stampDir().resolve("stream-manager")),
        registry, clock);
    return manager.start().compose(v -> {
      List<Future<Void>> started = new ArrayList<>();
      for (int r = 1; r <= config.racks(); r++) {
        RackId rack = PortPlan.rack(r);
        for (int n = 1; n <= config.extentNodesPerRack(); n++) {
          ExtentNodeId id = ExtentNodeId.of(rack.value() + "n" + n);
          ExtentNodeConfig nodeConfig = ExtentNodeConfig.defaults(config.stamp(), id, rack,
              ports.extentNode(r, n), config.stampDir().resolve(rack.value()).resolve(id.value()),
              ports.streamManager());
          ExtentNodeServer node = new ExtentNodeServer(vertx, nodeConfig, registry, clock);
          nodes.add(node);
          started.add(node.start());
        }
      }
      return Future.all(started).mapEmpty();
    });
  }

  /** A stream client for one partition server, over gRPC. */
  StreamClient newClient() {
    ReplicatedStreamClient client = ReplicatedStreamClient.connect(vertx, ports.streamManager(),
        StreamClientConfig.defaults().withExtentBytesTarget(config.extentBytesTarget()));
    clients.add(client);
    return client;
  }

  List<ExtentNodeId> nodeIds() {
    return nodes.stream().map(ExtentNodeServer::id).toList();
  }

  Future<String> describeJson() {
    if (manager == null) {
      return Future.succeededFuture("{}");
    }
    return manager.api().describe().map(d -> {
      JsonArray nodeList = new JsonArray();
      d.nodes().forEach(n -> nodeList.add(new JsonObject()
          .put("id", n.id().value()).put("rack", n.rack().value()).put("endpoint", n.endpoint().toString())));
      JsonArray streamList = new JsonArray();
      for (StreamInfo s : d.streams()) {
        JsonArray extents = new JsonArray();
        s.extents().forEach(e -> extents.add(new JsonObject()
            .put("id", e.id().value())
            .put("sealed", e.sealed())
            .put("sealedLength", e.sealedLength())
            .put("replicas", new JsonArray(e.replicas().stream().map(r -> r.id().value()).toList()))));
        streamList.add(new JsonObject().put("id", s.id().value()).put("extents", extents));
      }
      return new JsonObject().put("stamp", config.stamp().value())
          .put("extentNodes", nodeList).put("streams", streamList).encodePrettily();
    });
  }

  Future<Void> stop() {
    List<Future<Void>> steps = new ArrayList<>();
    clients.forEach(c -> steps.add(c.close()));
    nodes.forEach(n -> steps.add(n.stop()));
    return Future.join(steps)
        .transform(ar -> manager == null ? Future.succeededFuture() : manager.stop())
        .mapEmpty();
  }
}
