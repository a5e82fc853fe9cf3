package io.stampede.stream.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.SealResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.extent.ExtentStore;
import io.stampede.stream.manager.PlacementPolicy;
import io.stampede.stream.manager.StreamManager;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerMetrics;
import io.stampede.stream.node.ExtentNode;
import io.stampede.stream.node.ExtentNodeConfig;
import io.stampede.stream.node.ExtentNodeMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Extent nodes and a stream manager in one JVM, wired by direct calls (no sockets), on a
 * {@link TestClock}; heartbeats and repair rounds run when a test asks. Nodes can be made
 * unreachable with {@link #down(ExtentNodeId)}, and brought back ({@link #up}) or restarted from
 * their files ({@link #restart}).
 */
public final class InProcessStreamLayer implements AutoCloseable {
  public static final StampId STAMP = StampId.of("s1");

  public final Vertx vertx;
  public final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final Path dir;
  private final Map<ExtentNodeId, ExtentNode> nodes = new ConcurrentHashMap<>();
  private final Map<ExtentNodeId, ExtentNodeConfig> configs = new ConcurrentHashMap<>();
  private final Map<ExtentNodeId, ExtentNodeMetrics> metrics = new ConcurrentHashMap<>();
  private final Map<ExtentNodeId, ExtentStore> stores = new ConcurrentHashMap<>();
  public final List<ExtentNodeInfo> infos = new ArrayList<>();
  private final Set<ExtentNodeId> down = ConcurrentHashMap.newKeySet();
  private UnaryOperator<StreamManagerConfig> managerConfig = UnaryOperator.identity();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore();
  public StreamManager manager;
  public StreamManagerMetrics managerMetrics;

  public InProcessStreamLayer(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** Reaches in-process nodes; fails UNAVAILABLE for nodes marked down. */
  public final Function<ExtentNodeInfo, ExtentNodeApi> connector = info -> {
    ExtentNode node = nodes.get(info.id());
    return node == null || down.contains(info.id()) ? new Unreachable(info) : node;
  };

  public ExtentNodeConfig nodeConfig(String id, String rack) {
    return ExtentNodeConfig.defaults(STAMP, ExtentNodeId.of(id), RackId.of(rack),
        Endpoint.of("127.0.0.1", 1000 + nodes.size()), dir.resolve(rack).resolve(id),
        List.of(Endpoint.of("127.0.0.1", 999)));
  }

  public ExtentNode addNode(ExtentNodeConfig config) throws Exception {
    ExtentStore store = new ExtentStore(config.id().value(), config.dataDir(),
        config.blockBytesMax(), config.openFilesMax());
    store.load();
    stores.put(config.id(), store);
    configs.put(config.id(), config);
    ExtentNodeMetrics nodeMetrics = new ExtentNodeMetrics(new SimpleMeterRegistry(), config);
    metrics.put(config.id(), nodeMetrics);
    ExtentNode node = new ExtentNode(vertx, config, store, connector, nodeMetrics);
    nodes.put(config.id(), node);
    ExtentNodeInfo info = new ExtentNodeInfo(config.id(), config.rack(), config.endpoint());
    if (!infos.contains(info)) {
      infos.add(info);
    }
    return node;
  }

  /** Nodes n1..n{racks*perRack}, racks r1..r{racks}. */
  public InProcessStreamLayer withNodes(int racks, int perRack) throws Exception {
    int n = 0;
    for (int p = 0; p < perRack; p++) {
      for (int r = 1; r <= racks; r++) {
        addNode(nodeConfig("n" + (++n), "r" + r));
      }
    }
    return this;
  }

  /** Adjusts the stream manager's config (before {@link #startManager()}). */
  public InProcessStreamLayer withManagerConfig(UnaryOperator<StreamManagerConfig> change) {
    this.managerConfig = change;
    return this;
  }

  /** Starts (or restarts, as a new leader) the stream manager on its metadata; every node heartbeats once. */
  public StreamManager startManager() throws Exception {
    openManager();
    heartbeats();
    return manager;
  }

  /**
   * Starts (or restarts, as a new leader would) the stream manager on the metadata that outlives
   * it; nodes are not yet heard from.
   */
  public StreamManager openManager() throws Exception {
    ManagerPeerId self = ManagerPeerId.of("sm1");
    StreamManagerConfig config = managerConfig.apply(StreamManagerConfig.defaults(STAMP, self,
        Map.of(self, Endpoint.of("127.0.0.1", 998)), Endpoint.of("127.0.0.1", 999),
        dir.resolve("manager")));
    managerMetrics = new StreamManagerMetrics(new SimpleMeterRegistry(), config);
    manager = new StreamManager(config, store,
        new PlacementPolicy(new Random(42)), connector, managerMetrics, clock);
    return manager;
  }

  /** One heartbeat from every node that is up, its reply carried out. */
  public void heartbeats() throws Exception {
    for (ExtentNodeInfo info : infos) {
      if (!down.contains(info.id())) {
        heartbeat(info.id());
      }
    }
  }

  /** Time passes: every node that is up heartbeats (obeying the reply), then one repair round runs. */
  public void tick(Duration d) throws Exception {
    clock.advance(d);
    heartbeats();
    await(manager.repair());
  }

  public void heartbeat(ExtentNodeId id) throws Exception {
    ExtentNodeInfo info = infos.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    await(nodes.get(id).heartbeat(manager, info));
  }

  public ExtentNode node(ExtentNodeId id) {
    return nodes.get(id);
  }

  public ExtentNodeMetrics metrics(ExtentNodeId id) {
    return metrics.get(id);
  }

  public void down(ExtentNodeId id) {
    down.add(id);
  }

  public void up(ExtentNodeId id) {
    down.remove(id);
  }

  /** Replaces the node by a fresh one on the same files, as after a crash, and brings it up. */
  public ExtentNode restart(ExtentNodeId id) throws Exception {
    ExtentNode old = nodes.get(id);
    old.halt();
    await(old.close());
    stores.get(id).close();
    ExtentNode node = addNode(configs.get(id));
    up(id);
    return node;
  }

  public Path dir() {
    return dir;
  }

  /** The directory holding node {@code info}'s extent files. */
  public Path extentDir(ExtentNodeInfo info) {
    return configs.get(info.id()).dataDir().resolve("extents");
  }

  @Override
  public void close() throws Exception {
    for (ExtentNode n : nodes.values()) {
      await(n.close());
    }
    stores.values().forEach(ExtentStore::close);
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** The failure code of a future expected to fail. */
  public static StreamErrorCode failureCode(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StreamException se) {
        return se.code();
      }
      throw e;
    }
    throw new AssertionError("expected a failure");
  }

  public static Duration timeout() {
    return Duration.ofSeconds(20);
  }

  private record Unreachable(ExtentNodeInfo info) implements ExtentNodeApi {
    private <T> Future<T> fail() {
      return Future.failedFuture(new StreamException(StreamErrorCode.UNAVAILABLE, info.id() + " is down"));
    }

    @Override
    public Future<Void> createExtent(ExtentInfo e, long epoch) {
      return fail();
    }

    @Override
    public Future<AppendResult> append(ExtentId e, long epoch, List<Buffer> b) {
      return fail();
    }

    @Override
    public Future<AppendResult> replicate(ExtentId e, long epoch, long o, List<Buffer> b) {
      return fail();
    }

    @Override
    public Future<ReadResult> read(ExtentId e, long o, int m) {
      return fail();
    }

    @Override
    public Future<SealResult> seal(ExtentId e, long epoch, long l) {
      return fail();
    }

    @Override
    public Future<Long> length(ExtentId e) {
      return fail();
    }

    @Override
    public Future<Void> copyExtent(ExtentInfo e, long l, ExtentNodeInfo s) {
      return fail();
    }

    @Override
    public Future<Void> deleteExtent(ExtentId e) {
      return fail();
    }
  }
}
