package io.stampede.stream.testing;

import static io.stampede.stream.testing.InProcessStreamLayer.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.StreamManagerApi;
import io.stampede.stream.client.ReplicatedStreamClient;
import io.stampede.stream.client.StreamClientConfig;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerPeer;
import io.stampede.stream.node.ExtentNodeConfig;
import io.stampede.stream.node.ExtentNodeServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The stream layer over real gRPC on loopback: 3 stream manager peers (Raft) and one extent node
 * per rack (n1 in r1, ...), heartbeating every 200 ms, plus a client. Stopped and started again,
 * it comes back on the same ports and directories; single servers can be killed and restarted.
 */
public final class LoopbackStreamLayer implements AutoCloseable {
  public static final StampId STAMP = StampId.of("s1");

  private final Vertx vertx;
  private final Path dir;
  private final Map<ManagerPeerId, Endpoint> raftPeers = new LinkedHashMap<>();
  private final List<Endpoint> managerEndpoints = new ArrayList<>();
  private final List<StreamManagerPeer> managers = new ArrayList<>();
  private final List<ExtentNodeServer> nodes = new ArrayList<>();
  private ReplicatedStreamClient client;

  public LoopbackStreamLayer(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** Starts the 3 manager peers (on the same ports every time), {@code racks} nodes and a client. */
  public void start(int racks, UnaryOperator<StreamManagerConfig> change) throws Exception {
    if (raftPeers.isEmpty()) {
      for (int i = 1; i <= 3; i++) {
        raftPeers.put(ManagerPeerId.of("sm" + i), Endpoint.of("127.0.0.1", freePort()));
        managerEndpoints.add(Endpoint.of("127.0.0.1", freePort()));
      }
    }
    List<ManagerPeerId> ids = List.copyOf(raftPeers.keySet());
    for (int i = 0; i < 3; i++) {
      managers.add(new StreamManagerPeer(vertx, change.apply(StreamManagerConfig.defaults(STAMP,
          ids.get(i), raftPeers, managerEndpoints.get(i), managerDir(i + 1))),
          new SimpleMeterRegistry(), Clock.systemUTC()));
    }
    await(Future.all(managers.stream().map(StreamManagerPeer::start).toList()));
    leader();
    for (int r = 1; r <= racks; r++) {
      startNode(r);
    }
    client = ReplicatedStreamClient.connect(vertx, managerEndpoints,
        StreamClientConfig.defaults().withExtentBytesTarget(256 * 1024), new SimpleMeterRegistry());
  }

  /** A client of the stream layer (a new one after each start). */
  public ReplicatedStreamClient client() {
    return client;
  }

  /** Another client, as a second partition server would have; the caller closes it. */
  public ReplicatedStreamClient newClient() {
    return ReplicatedStreamClient.connect(vertx, managerEndpoints,
        StreamClientConfig.defaults().withExtentBytesTarget(256 * 1024), new SimpleMeterRegistry());
  }

  /** The peer that leads and serves as the manager (waiting for one). */
  public StreamManagerPeer leader() {
    return Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> managers.stream().filter(StreamManagerPeer::serving).findFirst(),
            Optional::isPresent).orElseThrow();
  }

  /** The leading peer's manager (waiting for one). */
  public StreamManagerApi manager() {
    return leader().api();
  }

  /** Kills the leading peer as in a crash (its Raft log stays); returns it. */
  public StreamManagerPeer killLeader() throws Exception {
    StreamManagerPeer leader = leader();
    await(leader.kill());
    managers.remove(leader);
    return leader;
  }

  /** Kills the node as in a crash (its files stay). */
  public void killNode(ExtentNodeId id) throws Exception {
    ExtentNodeServer node = nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    await(node.kill());
    nodes.remove(node);
  }

  /** Starts node n{rack} in rack r{rack} on its directory. */
  public void startNode(int rack) throws Exception {
    ExtentNodeServer node = new ExtentNodeServer(vertx, nodeConfig(rack), new SimpleMeterRegistry(),
        Clock.systemUTC());
    await(node.start());
    nodes.add(node);
  }

  /** Stops the client, the nodes, then the manager peers, in order. */
  public void stop() throws Exception {
    if (client != null) {
      await(client.close());
      client = null;
    }
    for (ExtentNodeServer n : nodes) {
      await(n.stop());
    }
    nodes.clear();
    await(Future.join(managers.stream().map(StreamManagerPeer::stop).toList()));
    managers.clear();
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  public Path nodeDir(int rack) {
    return dir.resolve("s1").resolve("r" + rack).resolve("n" + rack);
  }

  /** Where node n{rack} keeps its extent files. */
  public Path extentDir(int rack) {
    return nodeDir(rack).resolve("extents");
  }

  /** Where manager peer sm{peer} keeps its Raft log and snapshots. */
  public Path managerDir(int peer) {
    return dir.resolve("s1").resolve("stream-manager-" + peer);
  }

  /** The files (extent, seal marker, replica list) node n{rack} holds for {@code extent}. */
  public List<Path> replicaFiles(int rack, ExtentId extent) throws IOException {
    Path extents = extentDir(rack);
    if (!Files.isDirectory(extents)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(extents)) {
      return files.filter(f -> f.getFileName().toString().startsWith(extent.value() + ".")).toList();
    }
  }

  private ExtentNodeConfig nodeConfig(int rack) {
    return ExtentNodeConfig.defaults(STAMP, ExtentNodeId.of("n" + rack), RackId.of("r" + rack),
        Endpoint.of("127.0.0.1", 0), nodeDir(rack), managerEndpoints)
        .withHeartbeatInterval(Duration.ofMillis(200));
  }

  /** Ports handed out in this JVM: the kernel may offer a just-closed port again. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
  }
}
