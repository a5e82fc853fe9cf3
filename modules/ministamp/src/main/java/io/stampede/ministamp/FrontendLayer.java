package io.stampede.ministamp;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.net.Endpoint;
import io.stampede.common.role.RoleLoop;
import io.stampede.frontend.s3.BucketRegistry;
import io.stampede.frontend.server.FrontendConfig;
import io.stampede.frontend.server.FrontendServer;
import io.stampede.location.api.LocationApi;
import io.stampede.location.dns.DnsZone;
import io.stampede.partition.api.PartitionApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stamp's front-end layer: {@link #FRONTENDS} front-ends behind the stamp's VIP, each also
 * serving the global S3 endpoint. Every front-end listens on both addresses; Vert.x gives the
 * front-ends one shared listening socket per address and hands its connections to them in turn
 * (as SO_REUSEPORT would across processes), so the VIP costs no copy of a byte, as a hardware or
 * kernel load balancer costs the servers behind it none. A killed front-end closes its servers and
 * every connection on them (clients retry them); new connections go to the others from that moment.
 *
 * <p>The front-ends share one bucket cache ({@link BucketRegistry}), so a bucket created, changed or
 * deleted through one is seen by the next request through any (as with one front-end). Front-ends
 * in separate processes will need the location service to invalidate or lease their caches.
 */
final class FrontendLayer {
  private static final Logger log = LoggerFactory.getLogger(FrontendLayer.class);
  /** Front-ends per stamp. */
  static final int FRONTENDS = 2;

  private final Vertx vertx;
  private final StampConfig config;
  private final PortPlan ports;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<FrontendNodeId, FrontendServer> running = new LinkedHashMap<>();
  private PartitionApi partitions;
  private LocationApi locations;
  private BucketRegistry buckets;

  FrontendLayer(Vertx vertx, StampConfig config, PortPlan ports, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.ports = ports;
    this.registry = registry;
    this.clock = clock;
  }

  static FrontendNodeId id(int i) {
    return FrontendNodeId.of("fe" + i);
  }

  /** Starts every front-end on the VIP and the global endpoint. */
  Future<Void> start(PartitionApi partitionApi, LocationApi locationApi) {
    this.partitions = partitionApi;
    this.locations = locationApi;
    this.buckets = new BucketRegistry(locationApi, clock, frontendConfig(id(1)).bucketCacheTtl());
    return Future.all(ids().stream().map(this::start).toList()).mapEmpty();
  }

  /** Starts the front-end (first, or again after a kill) unless it runs; false when it did. */
  Future<Boolean> start(FrontendNodeId id) {
    FrontendServer fe = new FrontendServer(vertx, frontendConfig(id), partitions, locations, buckets, registry, clock);
    synchronized (this) {
      if (running.putIfAbsent(id, fe) != null) {
        return Future.succeededFuture(false);
      }
    }
    return RoleLoop.start(vertx, fe::start)
        .onFailure(t -> {
          synchronized (this) {
            running.remove(id, fe);
          }
        })
        .map(true);
  }

  private FrontendConfig frontendConfig(FrontendNodeId id) {
    return FrontendConfig.defaults(id, config.stamp(), config.users())
        .withHosts(List.of(ports.s3().host(), ports.vip().host()), ports.s3().port())
        .withDomains(List.of(config.domain(), DnsZone.DEFAULT_APEX))
        .withPartBytesMin(config.partBytesMin());
  }

  /**
   * The front-end named {@code name}: {@code fe2}, or {@code <stamp>/fe2} for this stamp.
   * NoSuchElementException for any other.
   */
  FrontendNodeId parse(String name) {
    String local = name;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      if (!name.substring(0, slash).equals(config.stamp().value())) {
        throw new NoSuchElementException("no stamp " + name.substring(0, slash) + " (this is " + config.stamp() + ")");
      }
      local = name.substring(slash + 1);
    }
    String wanted = local;
    return ids().stream().filter(id -> id.value().equals(wanted)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no front-end " + name));
  }

  List<FrontendNodeId> ids() {
    List<FrontendNodeId> all = new ArrayList<>();
    for (int i = 1; i <= FRONTENDS; i++) {
      all.add(id(i));
    }
    return all;
  }

  synchronized boolean isUp(FrontendNodeId id) {
    return running.containsKey(id);
  }

  /** Kills a front-end (its server and connections close); false when it was already down. */
  Future<Boolean> kill(FrontendNodeId id) {
    FrontendServer fe;
    synchronized (this) {
      fe = running.remove(id);
    }
    if (fe == null) {
      return Future.succeededFuture(false);
    }
    log.info("{} killing {}", config.stamp(), id);
    return fe.stop().transform(ar -> Future.succeededFuture(true));
  }

  /** The stamp's VIP. */
  Endpoint vip() {
    return ports.vip();
  }

  List<StampStatus.FrontendStatus> describe() {
    return ids().stream().map(id -> new StampStatus.FrontendStatus(id, isUp(id))).toList();
  }

  Future<Void> stop() {
    List<Future<Void>> steps = new ArrayList<>();
    synchronized (this) {
      running.values().forEach(fe -> steps.add(fe.stop()));
      running.clear();
    }
    return Future.join(steps).mapEmpty();
  }
}
