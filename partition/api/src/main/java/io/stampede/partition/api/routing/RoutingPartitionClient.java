package io.stampede.partition.api.routing;

import io.stampede.common.key.ByteRange;
import io.stampede.common.key.IndexKey;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PartitionManagerApi;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.grpc.GrpcPartitionManagerClient;
import io.stampede.partition.api.grpc.GrpcPartitionServerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The partition layer as front-ends see it: one {@link PartitionApi} for the whole key space.
 * Caches the partition map, sends each call to the server owning {@code bucket/key}, and when
 * that server does not serve the key (NOT_SERVING) or cannot be reached (UNAVAILABLE) refreshes
 * the map and retries, up to {@link RoutingConfig#attemptsMax()} attempts, then fails
 * UNAVAILABLE. A PutObject is retried only while no body byte has been handed on. A listing walks
 * consecutive range partitions until it has {@code maxKeys} entries or leaves the prefix.
 */
public final class RoutingPartitionClient implements PartitionApi {
  private final Vertx vertx;
  private final PartitionManagerApi manager;
  private final Function<PartitionServerInfo, PartitionApi> connector;
  private final RoutingConfig config;
  private final GrpcClient ownedClient;
  private final Map<PartitionServerInfo, PartitionApi> servers = new ConcurrentHashMap<>();
  private volatile PartitionMap map;
  private Future<PartitionMap> refreshing;

  public RoutingPartitionClient(Vertx vertx, PartitionManagerApi manager,
      Function<PartitionServerInfo, PartitionApi> connector, RoutingConfig config) {
    this(vertx, manager, connector, config, null);
  }

  private RoutingPartitionClient(Vertx vertx, PartitionManagerApi manager,
      Function<PartitionServerInfo, PartitionApi> connector, RoutingConfig config, GrpcClient ownedClient) {
    this.vertx = vertx;
    this.manager = manager;
    this.connector = connector;
    this.config = config;
    this.ownedClient = ownedClient;
  }

  /** A routing client talking gRPC to the partition manager's peers and to partition servers. */
  public static RoutingPartitionClient connect(Vertx vertx, List<Endpoint> managerEndpoints, RoutingConfig config) {
    GrpcClient client = PartitionGrpc.client(vertx);
    return new RoutingPartitionClient(vertx,
        new GrpcPartitionManagerClient(client, managerEndpoints, config.callTimeout()),
        server -> new GrpcPartitionServerClient(client, server.endpoint(), config.callTimeout()),
        config, client);
  }

  /** Closes the gRPC client this instance created, if any. */
  public Future<Void> close() {
    return ownedClient == null ? Future.succeededFuture() : ownedClient.close();
  }

  /** Fetches the map from the manager now (concurrent callers share one fetch). */
  public synchronized Future<PartitionMap> refreshMap() {
    if (refreshing != null) {
      return refreshing;
    }
    Future<PartitionMap> fetch = manager.getPartitionMap().onSuccess(this::install);
    if (!fetch.isComplete()) {
      refreshing = fetch;
      fetch.onComplete(ar -> {
        synchronized (this) {
          refreshing = null;
        }
      });
    }
    return fetch;
  }

  private synchronized void install(PartitionMap fetched) {
    if (map == null || fetched.version() >= map.version()) {
      map = fetched;
    }
  }

  private Future<PartitionMap> currentMap() {
    PartitionMap m = map;
    return m != null ? Future.succeededFuture(m) : refreshMap();
  }

  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    WatchedBody watched = new WatchedBody(body);
    return routed(IndexKey.of(request.bucket(), request.key()),
        api -> api.putObject(request, watched), watched::untouched, 1);
  }

  @Override
  public Future<ObjectRead> getObject(String bucket, String key, Optional<ByteRange> range) {
    return routed(IndexKey.of(bucket, key), api -> api.getObject(bucket, key, range), () -> true, 1);
  }

  @Override
  public Future<ObjectInfo> headObject(String bucket, String key) {
    return routed(IndexKey.of(bucket, key), api -> api.headObject(bucket, key), () -> true, 1);
  }

  @Override
  public Future<Void> deleteObject(String bucket, String key) {
    return routed(IndexKey.of(bucket, key), api -> api.deleteObject(bucket, key), () -> true, 1);
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return listFrom(query, new ListMerge(query));
  }

  private Future<ListPage> listFrom(ListObjectsQuery q, ListMerge merge) {
    return routed(q.firstIndexKey(), api -> api.listObjects(q), () -> true, 1).compose(page -> {
      merge.add(page);
      if (page.truncated() || page.rangeHigh().isEmpty() || !q.mayMatchAtOrAfter(page.rangeHigh())) {
        return Future.succeededFuture(merge.result(page.truncated()));
      }
      return listFrom(merge.next(page.rangeHigh()), merge);
    });
  }

  private <T> Future<T> routed(String indexKey, Function<PartitionApi, Future<T>> call,
      java.util.function.BooleanSupplier retryable, int attempt) {
    return currentMap().compose(m -> {
      Optional<PartitionServerInfo> owner = m.serverFor(indexKey);
      if (owner.isEmpty()) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.NOT_SERVING,
            "no server for " + indexKey + " in map v" + m.version()));
      }
      return call.apply(servers.computeIfAbsent(owner.get(), connector));
    }).recover(t -> {
      PartitionException e = PartitionRpcErrors.translate(t);
      boolean routing = e.code() == PartitionErrorCode.NOT_SERVING || e.code() == PartitionErrorCode.UNAVAILABLE;
      if (!routing) {
        return Future.failedFuture(e);
      }
      if (attempt >= config.attemptsMax() || !retryable.getAsBoolean()) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.UNAVAILABLE,
            "gave up on " + indexKey + " after " + attempt + " attempt(s): " + e.getMessage(), e));
      }
      Promise<Void> delay = Promise.promise();
      vertx.setTimer(Math.max(1, config.retryBackoff().toMillis() * attempt), id -> delay.complete());
      return delay.future()
          .compose(v -> refreshMap().<Void>mapEmpty().recover(r -> Future.succeededFuture()))
          .compose(v -> routed(indexKey, call, retryable, attempt + 1));
    });
  }
}
