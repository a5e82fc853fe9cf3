package io.stampede.ministamp;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.net.Endpoint;
import io.stampede.frontend.server.FrontendConfig;
import io.stampede.frontend.server.FrontendServer;
import io.stampede.location.api.LocationApi;
import io.stampede.location.api.grpc.GrpcLocationClient;
import io.stampede.location.service.LocationConfig;
import io.stampede.location.service.LocationServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole stamp in one JVM: location service, stream manager, extent nodes on racks, a
 * partition manager on three Raft peers, partition servers and a front-end, each on its own
 * loopback address and talking to the others only over gRPC. {@code ./stamp up} and the
 * integration tests run exactly this.
 */
public final class MiniStamp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MiniStamp.class);
  static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final StampConfig config;
  private final PortPlan ports;
  private final Vertx vertx;
  private final Clock clock = Clock.systemUTC();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final GrpcClient grpc;
  private final StreamLayer streams;
  private final PartitionLayer partitions;
  private LocationServer location;
  private FrontendServer frontend;
  private Console console;
  private volatile boolean serving;

  private MiniStamp(StampConfig config) {
    this.config = config;
    this.ports = new PortPlan(config.basePort());
    this.vertx = Vertx.vertx();
    this.grpc = GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(8 << 20));
    registry.config().commonTags("stamp", config.stamp().value());
    this.streams = new StreamLayer(vertx, config, ports, registry, clock);
    this.partitions = new PartitionLayer(vertx, config, ports, registry, clock);
  }

  /** Starts a stamp and returns once it serves S3. */
  public static MiniStamp start(StampConfig config) {
    MiniStamp stamp = new MiniStamp(config);
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
    console = new Console(vertx, ports.console(), registry, () -> serving, this::describeJson);
    location = new LocationServer(vertx,
        new LocationConfig("location", ports.location(), config.dataDir().resolve("location")), registry, clock);
    return console.start()
        .compose(v -> location.start())
        .compose(v -> locationClient().registerStamp(config.stamp(), ports.s3()))
        .compose(v -> streams.start())
        .compose(v -> partitions.start(streams))
        .compose(v -> {
          frontend = new FrontendServer(vertx, frontendConfig(), partitions.router(), locationClient(), registry, clock);
          return frontend.start();
        })
        .compose(v -> partitions.awaitServing(START_TIMEOUT))
        .onSuccess(v -> {
          serving = true;
          log.info("{} serving S3 on http://{}", config.stamp(), s3Endpoint());
        });
  }

  private LocationApi locationClient() {
    return new GrpcLocationClient(grpc, location.endpoint());
  }

  private FrontendConfig frontendConfig() {
    Endpoint s3 = ports.s3();
    return FrontendConfig.defaults(FrontendNodeId.of("fe1"), config.stamp(), config.credentials())
        .withEndpoint(s3.host(), s3.port())
        .withDomain(config.domain());
  }

  public StampConfig config() {
    return config;
  }

  public Endpoint s3Endpoint() {
    return ports.s3();
  }

  public Endpoint consoleEndpoint() {
    return ports.console();
  }

  /** The extent nodes of the stamp, rack by rack. */
  public List<ExtentNodeId> extentNodes() {
    return streams.nodeIds();
  }

  /** The stamp described as JSON, for {@code /status}. */
  public Future<String> describeJson() {
    return streams.describeJson();
  }

  @Override
  public void close() {
    serving = false;
    List<Future<Void>> steps = new ArrayList<>();
    if (frontend != null) {
      steps.add(frontend.stop());
    }
    awaitQuietly(Future.join(steps).mapEmpty());
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
