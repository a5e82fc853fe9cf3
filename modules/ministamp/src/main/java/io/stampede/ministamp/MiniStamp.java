package io.stampede.ministamp;

import io.stampede.common.role.RoleLoop;
import io.stampede.common.rpc.RpcTransport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.id.RackId;
import io.stampede.common.net.Endpoint;
import io.stampede.frontend.auth.Users;
import io.stampede.frontend.lifecycle.LifecycleMetrics;
import io.stampede.frontend.lifecycle.LifecycleRunner;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.grpc.GrpcLocationClient;
import io.stampede.location.dns.DnsConfig;
import io.stampede.location.dns.DnsZone;
import io.stampede.location.service.LocationConfig;
import io.stampede.location.service.LocationServer;
import io.stampede.partition.manager.BalanceConfig;
import io.stampede.partition.throttle.RequestRateLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.security.SecureRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole stamp in one JVM: location service, stream manager, extent nodes on racks, a
 * partition manager on three Raft peers, partition servers and a front-end, each on its own
 * loopback address and talking to the others only over gRPC. {@code ./stamp up} and the
 * integration tests run exactly this.
 *
 * <p>Verbs to break it on purpose: {@link #killExtentNode}, {@link #killRack} and their restarts
 * (a killed node stops answering and keeps its files; a restart reuses its config and data
 * directory), {@link #describe()} and {@link #invariants()}. The verbs block until done and are
 * for test threads; the console calls their asynchronous forms.
 */
public final class MiniStamp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MiniStamp.class);
  static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  static final Duration VERB_TIMEOUT = Duration.ofMinutes(1);

  private final StampConfig config;
  private final PortPlan ports;
  private final Vertx vertx;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final GrpcClient grpc;
  private final StreamLayer streams;
  private final PartitionLayer partitions;
  private LocationServer location;
  private final FrontendLayer frontends;
  private LifecycleRunner lifecycle;
  private FillReporter fills;
  private final StampInvariants invariants;
  private Console console;
  private volatile boolean serving;

  private MiniStamp(StampConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.ports = new PortPlan(config.basePort());
    this.vertx = Vertx.vertx();
    this.grpc = GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(8 << 20),
        RpcTransport.clientOptions());
    registry.config().commonTags("stamp", config.stamp().value());
    this.streams = new StreamLayer(vertx, config, ports, registry, clock);
    this.partitions = new PartitionLayer(vertx, config, ports, registry, clock);
    this.frontends = new FrontendLayer(vertx, config, ports, registry, clock);
    this.invariants = new StampInvariants(streams);
  }

  /** A builder of stamps in {@code dataDir}, with the defaults of {@code ./stamp up} on free ports. */
  public static Builder builder(Path dataDir) {
    return new Builder(StampConfig.defaults(dataDir));
  }

  /** Shapes a stamp for a test; {@link #start()} picks free ports unless {@link #basePort} was set. */
  public static final class Builder {
    private StampConfig config;
    private boolean portChosen;
    private long seed = 7L;
    private Clock clock = Clock.systemUTC();

    private Builder(StampConfig config) {
      this.config = config;
    }

    public Builder racks(int racks, int extentNodesPerRack) {
      config = config.withRacks(racks, extentNodesPerRack);
      return this;
    }

    public Builder partitionServers(int n) {
      config = config.withPartitionServers(n);
      return this;
    }

    /** When the partition manager splits, merges and moves ranges on its own. */
    public Builder balance(BalanceConfig b) {
      config = config.withBalance(b);
      return this;
    }

    public Builder extentBytesTarget(long bytes) {
      config = config.withExtentBytesTarget(bytes);
      return this;
    }

    /** How often extent nodes heartbeat, and how long the stream manager waits before declaring one dead. */
    public Builder nodeTimeouts(Duration heartbeatInterval, Duration nodeTimeout) {
      config = config.withNodeTimeouts(heartbeatInterval, nodeTimeout);
      return this;
    }

    public Builder credentials(Map<String, String> credentials) {
      config = config.withCredentials(credentials);
      return this;
    }

    /** How often the lifecycle runner passes over the buckets, and how long a lifecycle day is. */
    public Builder lifecycle(Duration interval, Duration dayLength) {
      config = config.withLifecycle(config.lifecycle().withTiming(interval, dayLength));
      return this;
    }

    /** The partition servers' request-rate limits per S3 bucket and per range. */
    public Builder requestLimits(RequestRateLimits limits) {
      config = config.withRequestLimits(limits);
      return this;
    }

    public Builder users(Users users) {
      config = config.withUsers(users);
      return this;
    }

    /** The clock every role of the stamp reads (the system clock unless a test shifts it). */
    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    /** Ports from {@code port} on ({@link PortPlan}), DNS in the plan's {@link PortPlan#dnsSlot()}. */
    public Builder basePort(int port) {
      config = new PortPlan(port).applyTo(config);
      portChosen = true;
      return this;
    }

    /** Seeds the choice of free ports. */
    public Builder seed(long s) {
      seed = s;
      return this;
    }

    /** The config {@link #start()} would use, ports chosen. */
    public StampConfig config() {
      if (!portChosen) {
        config = PortPlan.findFree(config, new Random(seed)).applyTo(config);
        portChosen = true;
      }
      return config;
    }

    public MiniStamp start() {
      return MiniStamp.start(config(), clock);
    }
  }

  /** Starts a stamp on the system clock and returns once it serves S3. */
  public static MiniStamp start(StampConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts a stamp whose roles read {@code clock}, and returns once it serves S3. */
  public static MiniStamp start(StampConfig config, Clock clock) {
    MiniStamp stamp = new MiniStamp(config, clock);
    try {
      stamp.startAll().toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return stamp;
    } catch (Exception e) {
      stamp.close();
      throw new IllegalStateException(config.stamp() + " failed to start: " + e, e);
    }
  }

  private Future<Void> startAll() {
    log.info("{} starting: {} racks x {} extent nodes, {} partition servers, data {}", config.stamp(),
        config.racks(), config.extentNodesPerRack(), config.partitionServers(), config.dataDir());
    ConsoleAccess access;
    try {
      access = ConsoleAccess.create(config.dataDir(), new SecureRandom());
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    console = new Console(vertx, ports.console(), registry, () -> serving, this, access);
    location = new LocationServer(vertx,
        new LocationConfig("location", ports.location(), config.dataDir().resolve("location"))
            .withDns(new DnsConfig(PortPlan.dns(config), DnsZone.DEFAULT_APEX, ports.s3().host())),
        registry, clock);
    return console.start()
        .compose(v -> RoleLoop.start(vertx, location::start))
        .compose(v -> locationClient().registerStamp(config.stamp(), ports.vip()))
        .compose(v -> streams.start())
        .compose(v -> partitions.start(streams))
        .compose(v -> frontends.start(partitions.router(), locationClient()))
        .compose(v -> partitions.awaitServing(START_TIMEOUT))
        .onSuccess(v -> {
          lifecycle = new LifecycleRunner(vertx, config.stamp(), locationClient(), partitions.router(), clock,
              config.lifecycle(), new LifecycleMetrics(registry, config.stamp().value()));
          lifecycle.start();
          fills = new FillReporter(vertx, config, streams, locationClient());
          fills.start();
          serving = true;
          log.info("{} serving S3 on http://{}", config.stamp(), s3Endpoint());
        });
  }

  private LocationApi locationClient() {
    return new GrpcLocationClient(grpc, location.endpoint());
  }

  public StampConfig config() {
    return config;
  }

  /** The global S3 endpoint, which every front-end serves. */
  public Endpoint s3Endpoint() {
    return ports.s3();
  }

  /** The stamp's own VIP: its front-ends only; what DNS answers for its buckets. */
  public Endpoint vip() {
    return ports.vip();
  }

  /** The stamp's front-ends, by id. */
  public List<FrontendNodeId> frontendIds() {
    return frontends.ids();
  }

  /** Whether the front-end runs (it was not killed, or was restarted). */
  public boolean isUp(FrontendNodeId id) {
    return frontends.isUp(id);
  }

  /** Kills a front-end: its server and its connections close at once; new connections go to the others. */
  public void killFrontend(FrontendNodeId id) {
    await(killFrontendAsync(id.value()));
  }

  public void restartFrontend(FrontendNodeId id) {
    await(restartFrontendAsync(id.value()));
  }

  /** {@code name}: {@code fe2} or {@code <stamp>/fe2}. */
  Future<String> killFrontendAsync(String name) {
    return guarded(() -> {
      FrontendNodeId id = frontends.parse(name);
      return frontends.kill(id).map(was -> was ? id + " killed" : id + " was already down");
    });
  }

  Future<String> restartFrontendAsync(String name) {
    return guarded(() -> {
      FrontendNodeId id = frontends.parse(name);
      return frontends.start(id).map(was -> was ? id + " restarted" : id + " was already up");
    });
  }

  /** Runs a lifecycle pass now (or joins the running one) and waits for it. */
  public void runLifecyclePass() {
    await(lifecycle.runPass());
  }

  /** Where the location service answers DNS for {@link DnsZone#DEFAULT_APEX}. */
  public Endpoint dnsEndpoint() {
    return location.dnsEndpoint().orElseThrow();
  }

  public Endpoint consoleEndpoint() {
    return ports.console();
  }

  /** The extent nodes of the stamp, rack by rack. */
  public List<ExtentNodeId> extentNodes() {
    return streams.nodeIds();
  }

  /** The extent nodes of {@code rack}; NoSuchElementException for an unknown rack. */
  public List<ExtentNodeId> extentNodes(RackId rack) {
    return streams.nodeIds(rack);
  }

  public List<RackId> racks() {
    return streams.racks();
  }

  /** Whether the node's process runs (it was not killed, or was restarted). */
  public boolean isUp(ExtentNodeId node) {
    streams.nodeConfig(node);
    return streams.isUp(node);
  }

  /** Where the node keeps its extent replica files: {@code <data>/<stamp>/<rack>/<node>/extents}. */
  public Path extentsDir(ExtentNodeId node) {
    return streams.extentsDir(node);
  }

  /** Kills an extent node: it stops answering at once, its files stay. No-op when already down. */
  public void killExtentNode(ExtentNodeId node) {
    await(killExtentNodeAsync(node));
  }

  /** Restarts a killed node on its data; returns once the stream manager heard from it. */
  public void restartExtentNode(ExtentNodeId node) {
    await(restartExtentNodeAsync(node));
  }

  /** Kills every extent node of {@code rack} at once. */
  public void killRack(RackId rack) {
    await(killRackAsync(rack));
  }

  public void restartRack(RackId rack) {
    await(restartRackAsync(rack));
  }

  /** The stamp now: racks, extent nodes, extents, the partition map. */
  public StampStatus describe() {
    return await(describeAsync());
  }

  /** Checks on the whole stamp; see {@link StampInvariants}. */
  public StampInvariants invariants() {
    return invariants;
  }

  /** Every sealed extent's replicas are byte-identical and on distinct racks. */
  public StampInvariants.Report checkSealedReplicas() {
    return await(invariants.sealedReplicas());
  }

  /** Kills the stream manager's leading peer (its Raft log stays); returns its id. Fails when none leads. */
  public ManagerPeerId killStreamManagerLeader() {
    return await(Future.<ManagerPeerId>future(p -> streams.killStreamManagerLeader().onComplete(p)));
  }

  /** Restarts a killed stream manager peer on its Raft log; returns once it runs. */
  public void restartStreamManagerPeer(ManagerPeerId peer) {
    await(Future.<Boolean>future(p -> streams.restartStreamManagerPeer(peer).onComplete(p)));
  }

  /** The stream manager peer that leads and serves now, if any. */
  public Optional<ManagerPeerId> streamManagerLeader() {
    return streams.streamManagerLeader();
  }

  Future<String> killStreamManagerLeaderAsync() {
    return Future.<ManagerPeerId>future(p -> streams.killStreamManagerLeader().onComplete(p))
        .map(id -> "stream manager leader " + id + " killed");
  }

  Future<String> killExtentNodeAsync(ExtentNodeId node) {
    return Future.<Boolean>future(p -> streams.kill(node).onComplete(p))
        .map(was -> was ? node + " killed" : node + " was already down");
  }

  Future<String> restartExtentNodeAsync(ExtentNodeId node) {
    return Future.<Boolean>future(p -> streams.restart(node).onComplete(p))
        .map(was -> was ? node + " restarted" : node + " was already up");
  }

  Future<String> killRackAsync(RackId rack) {
    return Future.<List<ExtentNodeId>>future(p -> p.complete(streams.nodeIds(rack)))
        .compose(nodes -> Future.all(nodes.stream().map(this::killExtentNodeAsync).toList())
            .map(all -> "rack " + rack + ": " + String.join(", ", all.<String>list())));
  }

  Future<String> restartRackAsync(RackId rack) {
    return Future.<List<ExtentNodeId>>future(p -> p.complete(streams.nodeIds(rack)))
        .compose(nodes -> Future.all(nodes.stream().map(this::restartExtentNodeAsync).toList())
            .map(all -> "rack " + rack + ": " + String.join(", ", all.<String>list())));
  }

  /** The stamp's partition servers (ps1, ps2, ...). */
  public List<PartitionServerId> partitionServers() {
    return partitions.serverIds();
  }

  /** Kills a partition server (no graceful close: its ranges fail over once its lease ends). */
  public void killPartitionServer(PartitionServerId id) {
    await(killPartitionServerAsync(id));
  }

  public void restartPartitionServer(PartitionServerId id) {
    await(restartPartitionServerAsync(id));
  }

  /** Kills the partition manager's leading peer; returns its id. */
  public ManagerPeerId killPartitionManagerLeader() {
    Optional<ManagerPeerId> leader = partitions.leader();
    await(killPartitionManagerLeaderAsync());
    return leader.orElseThrow();
  }

  public void restartPartitionManagerPeer(ManagerPeerId peer) {
    await(partitions.restartManagerPeer(peer));
  }

  public Optional<ManagerPeerId> partitionManagerLeader() {
    return partitions.leader();
  }

  /** Splits a range (at {@code key}, or where its server proposes); the answer says into what. */
  public String split(PartitionId range, Optional<String> key) {
    return await(splitAsync(range, key));
  }

  public String merge(PartitionId range) {
    return await(mergeAsync(range));
  }

  public String move(PartitionId range, PartitionServerId to) {
    return await(moveAsync(range, to));
  }

  /** Rebuilds every range's index from the commit logs alone; the answer says what was rebuilt. */
  public String rebuildIndex() {
    return await(rebuildIndexAsync());
  }

  /** Deletes every range's checkpoint streams (a simulated loss); returns how many streams went. */
  public int deleteCheckpoints() {
    return await(partitions.deleteCheckpoints());
  }

  /** One garbage-collection pass over every range's blob stream (the console's gc verb). */
  public String collectGarbage() {
    return await(collectGarbageAsync());
  }

  Future<String> collectGarbageAsync() {
    return guarded(partitions::collectGarbage);
  }

  Future<String> rebuildIndexAsync() {
    return partitions.rebuildIndex();
  }

  Future<String> killPartitionServerAsync(PartitionServerId id) {
    return guarded(() -> partitions.killServer(id));
  }

  Future<String> restartPartitionServerAsync(PartitionServerId id) {
    return guarded(() -> partitions.restartServer(id));
  }

  Future<String> killPartitionManagerLeaderAsync() {
    return partitions.killManagerLeader();
  }

  /**
   * Splits at {@code key}, given as {@code bucket/key} the way people name objects: a bucket that
   * exists is turned into its key space ({@code bucket~id}, where its objects live); anything else
   * is taken as an index key as it is.
   */
  Future<String> splitAsync(PartitionId range, Optional<String> key) {
    if (key.isEmpty() || key.get().indexOf(IndexKey.SEPARATOR) < 0) {
      return partitions.split(range, key);
    }
    String bucket = IndexKey.bucket(key.get());
    return locationClient().getBucket(bucket)
        .map(loc -> Optional.of(IndexKey.of(loc.keySpace(), IndexKey.objectKey(key.get()))))
        .otherwise(key)
        .compose(indexKey -> partitions.split(range, indexKey));
  }

  Future<String> mergeAsync(PartitionId range) {
    return partitions.merge(range);
  }

  Future<String> moveAsync(PartitionId range, PartitionServerId to) {
    return guarded(() -> partitions.move(range, to));
  }

  /** The call's future, or a failed one if it threw (an unknown id). */
  private static <T> Future<T> guarded(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  Future<StampStatus> describeAsync() {
    return locationClient().stamps().otherwise(List.of()).compose(stamps -> streams.describe().compose(s -> partitions.describe()
        .map(p -> new StampStatus(config.stamp(), frontends.vip(), frontends.describe(), stamps,
            s.nodes(), s.extents(), s.underReplicated(), p.partitions(), p.leader(),
            streams.streamManagerLeader()))));
  }

  /** Waits for a verb; unwraps its failure (NoSuchElementException for unknown ids). */
  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(VERB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + VERB_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    serving = false;
    if (lifecycle != null) {
      lifecycle.stop();
    }
    if (fills != null) {
      fills.stop();
    }
    awaitQuietly(frontends.stop());
    awaitQuietly(partitions.stop());
    awaitQuietly(streams.stop());
    if (location != null) {
      awaitQuietly(location.stop());
    }
    if (console != null) {
      awaitQuietly(console.stop());
    }
    awaitQuietly(grpc.close());
    awaitQuietly(vertx.close());
    registry.close();
    log.info("{} stopped", config.stamp());
  }

  static void awaitQuietly(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("stop step failed: {}", e.toString());
    }
  }
}
