package io.stampede.stream.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.common.id.ExtentId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.stream.api.AppendResult;
import io.stampede.stream.api.ExtentInfo;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentNodeInfo;
import io.stampede.stream.api.ReadResult;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.stampede.stream.extent.ExtentStore;
import io.stampede.stream.manager.CommandLog;
import io.stampede.stream.manager.MetadataJournal;
import io.stampede.stream.manager.PlacementPolicy;
import io.stampede.stream.manager.StreamManager;
import io.stampede.stream.manager.StreamManagerConfig;
import io.stampede.stream.manager.StreamManagerMetrics;
import io.stampede.stream.manager.StreamMetadata;
import io.stampede.stream.node.ExtentNode;
import io.stampede.stream.node.ExtentNodeConfig;
import io.stampede.stream.node.ExtentNodeMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Extent nodes and a stream manager in one JVM, wired by direct calls (no sockets). Nodes can
 * be made unreachable with {@link #down(ExtentNodeId)}.
 */
public final class InProcessStreamLayer implements AutoCloseable {
  public static final StampId STAMP = StampId.of("s1");
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  public final Vertx vertx;
  private final Path dir;
  private final Map<ExtentNodeId, ExtentNode> nodes = new ConcurrentHashMap<>();
  private final Map<ExtentNodeId, ExtentNodeMetrics> metrics = new ConcurrentHashMap<>();
  private final List<ExtentStore> stores = new ArrayList<>();
  public final List<ExtentNodeInfo> infos = new ArrayList<>();
  private final Set<ExtentNodeId> down = ConcurrentHashMap.newKeySet();
  private MetadataJournal journal;
  public StreamManager manager;

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
        Endpoint.of("127.0.0.1", 999));
  }

  public ExtentNode addNode(ExtentNodeConfig config) throws Exception {
    ExtentStore store = new ExtentStore(config.id().value(), config.dataDir(),
        config.blockBytesMax(), config.openFilesMax());
    store.load();
    stores.add(store);
    ExtentNodeMetrics nodeMetrics = new ExtentNodeMetrics(new SimpleMeterRegistry(), config);
    metrics.put(config.id(), nodeMetrics);
    ExtentNode node = new ExtentNode(vertx, config, store, connector, nodeMetrics);
    nodes.put(config.id(), node);
    infos.add(new ExtentNodeInfo(config.id(), config.rack(), config.endpoint()));
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

  /** Starts (or restarts) the stream manager on its journal and registers every node. */
  public StreamManager startManager() throws Exception {
    openManager();
    for (ExtentNodeInfo info : infos) {
      await(manager.registerExtentNode(info));
    }
    return manager;
  }

  /** Starts (or restarts) the stream manager on its journal; nodes are not yet heard from. */
  public StreamManager openManager() throws Exception {
    if (journal != null) {
      journal.close();
    }
    StreamManagerConfig config = StreamManagerConfig.defaults(STAMP, Endpoint.of("127.0.0.1", 999),
        dir.resolve("manager"));
    StreamMetadata metadata = new StreamMetadata();
    journal = MetadataJournal.open(config.dataDir(), metadata::apply);
    manager = new StreamManager(config, metadata, CommandLog.of(vertx, journal),
        new PlacementPolicy(new Random(42)), connector,
        new StreamManagerMetrics(new SimpleMeterRegistry(), config), CLOCK);
    return manager;
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

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws Exception {
    for (ExtentNode n : nodes.values()) {
      await(n.close());
    }
    stores.forEach(ExtentStore::close);
    if (journal != null) {
      journal.close();
    }
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
    public Future<Void> createExtent(ExtentInfo e) {
      return fail();
    }

    @Override
    public Future<AppendResult> append(ExtentId e,
        List<Buffer> b) {
      return fail();
    }

    @Override
    public Future<AppendResult> replicate(ExtentId e,
        long o, List<Buffer> b) {
      return fail();
    }

    @Override
    public Future<ReadResult> read(ExtentId e, long o, int m) {
      return fail();
    }

    @Override
    public Future<Long> seal(ExtentId e, long l) {
      return fail();
    }

    @Override
    public Future<Long> length(ExtentId e) {
      return fail();
    }
  }
}
