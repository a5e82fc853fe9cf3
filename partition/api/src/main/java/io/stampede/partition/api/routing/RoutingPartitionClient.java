package io.stampede.partition.api.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.key.ByteRange;
import io.stampede.common.key.IndexKey;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartPage;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import java.net.ConnectException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.BiFunction;
import java.util.function.Predicate;
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
import io.stampede.partition.api.blob.DirectReads;
import io.stampede.partition.api.grpc.GrpcPartitionServerClient;
import io.stampede.partition.api.grpc.PartitionGrpc;
import io.stampede.partition.api.http.ObjectUploadClient;
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
import java.util.function.Supplier;

/**
 * The partition layer as front-ends see it: one {@link PartitionApi} for the whole key space.
 * Caches the partition map, sends each call to the server owning {@code bucket/key}, and when
 * that server does not serve the key (NOT_SERVING) or cannot be reached (UNAVAILABLE) refreshes
 * the map and retries, up to {@link RoutingConfig#attemptsMax()} attempts, then fails
 * UNAVAILABLE. Reads are retried on either. A write is retried only when it provably had no
 * effect: refused NOT_SERVING (a server answers it only before doing anything), or its server
 * refused the connection; a write that failed UNAVAILABLE otherwise may have taken effect, and is
 * answered so (the client decides, as with S3's 503). A PutObject or UploadPart is retried only
 * while no body byte has been handed on. A listing walks consecutive range partitions until it
 * has {@code maxKeys} entries or leaves the prefix.
 */
public final class RoutingPartitionClient implements PartitionApi {
  private final Vertx vertx;
  private final PartitionManagerApi manager;
  private final Function<PartitionServerInfo, PartitionApi> connector;
  private final RoutingConfig config;
  private final Supplier<Future<Void>> closeOwned;
  private final Map<PartitionServerInfo, PartitionApi> servers = new ConcurrentHashMap<>();
  private volatile PartitionMap map;
  private Future<PartitionMap> refreshing;

  public RoutingPartitionClient(Vertx vertx, PartitionManagerApi manager,
      Function<PartitionServerInfo, PartitionApi> connector, RoutingConfig config) {
    this(vertx, manager, connector, config, Future::succeededFuture);
  }

  private RoutingPartitionClient(Vertx vertx, PartitionManagerApi manager,
      Function<PartitionServerInfo, PartitionApi> connector, RoutingConfig config,
      Supplier<Future<Void>> closeOwned) {
    this.vertx = vertx;
    this.manager = manager;
    this.connector = connector;
    this.config = config;
    this.closeOwned = closeOwned;
  }

  /** A routing client talking gRPC to the partition manager's peers and to partition servers. */
  public static RoutingPartitionClient connect(Vertx vertx, List<Endpoint> managerEndpoints, RoutingConfig config) {
    return connect(vertx, managerEndpoints, config, null, null);
  }

  /**
   * A front-end's routing client: as {@link #connect}, but object bytes leave gRPC. GetObject
   * reads large objects' blocks straight from the extent nodes, or their files on this host
   * ({@link DirectReads}, counted in {@code registry}), and uploads go to partition servers on
   * their data plane ({@link ObjectUploadClient}).
   */
  public static RoutingPartitionClient connectDirect(Vertx vertx, List<Endpoint> managerEndpoints,
      RoutingConfig config, MeterRegistry registry) {
    return connect(vertx, managerEndpoints, config, DirectReads.create(vertx, config.callTimeout(), registry),
        ObjectUploadClient.create(vertx, config.callTimeout()));
  }

  private static RoutingPartitionClient connect(Vertx vertx, List<Endpoint> managerEndpoints, RoutingConfig config,
      DirectReads reads, ObjectUploadClient uploads) {
    GrpcClient client = PartitionGrpc.client(vertx);
    return new RoutingPartitionClient(vertx,
        new GrpcPartitionManagerClient(client, managerEndpoints, config.callTimeout()),
        server -> new GrpcPartitionServerClient(client, reads, uploads, server.endpoint(), config.callTimeout()),
        config, () -> client.close()
            .eventually(() -> reads == null ? Future.succeededFuture() : reads.close())
            .eventually(() -> uploads == null ? Future.succeededFuture() : uploads.close()));
  }


  /** Closes the clients this instance created, if any. */
  public Future<Void> close() {
    return closeOwned.get();
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
        api -> api.putObject(request, watched), Retry.write(watched::untouched), 1);
  }

  @Override
  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
    return routed(IndexKey.of(ref.bucket(), ref.key()), api -> api.getObject(ref, range), Retry.READ, 1);
  }

  @Override
  public Future<ObjectInfo> headObject(ObjectRef ref) {
    return routed(IndexKey.of(ref.bucket(), ref.key()), api -> api.headObject(ref), Retry.READ, 1);
  }

  @Override
  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    return routed(IndexKey.of(request.bucket(), request.key()), api -> api.deleteObject(request), Retry.WRITE, 1);
  }

  @Override
  public Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags) {
    return routed(IndexKey.of(ref.bucket(), ref.key()), api -> api.setTags(ref, tags), Retry.WRITE, 1);
  }

  @Override
  public Future<List<ObjectPart>> objectParts(ObjectRef ref) {
    return routed(IndexKey.of(ref.bucket(), ref.key()), api -> api.objectParts(ref), Retry.READ, 1);
  }

  @Override
  public Future<UploadInfo> createUpload(CreateUploadRequest request) {
    return routed(IndexKey.of(request.bucket(), request.key()), api -> api.createUpload(request), Retry.WRITE, 1);
  }

  @Override
  public Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body) {
    WatchedBody watched = new WatchedBody(body);
    return routed(uploadKey(request.upload()), api -> api.uploadPart(request, watched),
        Retry.write(watched::untouched), 1);
  }

  @Override
  public Future<ObjectInfo> completeUpload(CompleteUploadRequest request) {
    return routed(uploadKey(request.upload()), api -> api.completeUpload(request), Retry.WRITE, 1);
  }

  @Override
  public Future<Void> abortUpload(UploadRef upload) {
    return routed(uploadKey(upload), api -> api.abortUpload(upload), Retry.WRITE, 1);
  }

  @Override
  public Future<PartPage> listParts(UploadRef upload, int partNumberMarker, int maxParts) {
    return routed(uploadKey(upload), api -> api.listParts(upload, partNumberMarker, maxParts), Retry.READ, 1);
  }

  /** To the range holding {@code from}; retried like a write (a close or reopen is idempotent, but answers matter). */
  @Override
  public Future<String> closeBucket(String bucket, String from) {
    return routed(from, api -> api.closeBucket(bucket, from), Retry.WRITE, 1);
  }

  @Override
  public Future<String> reopenBucket(String bucket, String from) {
    return routed(from, api -> api.reopenBucket(bucket, from), Retry.WRITE, 1);
  }

  private static String uploadKey(UploadRef upload) {
    return IndexKey.of(upload.bucket(), upload.key());
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return walk(query, new ListMerge<>(query, ObjectInfo::key), PartitionApi::listObjects,
        (p, merge) -> merge.add(p.objects(), p.commonPrefixes()), ListPage::truncated, ListPage::rangeHigh)
        .map(merge -> new ListPage(merge.entries(), merge.prefixes(), merge.truncated, ""));
  }

  @Override
  public Future<ListPage> listObjectVersions(ListObjectsQuery query) {
    return walk(query, new ListMerge<>(query, ObjectInfo::key), PartitionApi::listObjectVersions,
        (p, merge) -> merge.add(p.objects(), p.commonPrefixes()), ListPage::truncated, ListPage::rangeHigh)
        .map(merge -> new ListPage(merge.entries(), merge.prefixes(), merge.truncated, ""));
  }

  @Override
  public Future<UploadPage> listUploads(ListObjectsQuery query) {
    return walk(query, new ListMerge<>(query, UploadInfo::key), PartitionApi::listUploads,
        (p, merge) -> merge.add(p.uploads(), p.commonPrefixes()), UploadPage::truncated, UploadPage::rangeHigh)
        .map(merge -> new UploadPage(merge.entries(), merge.prefixes(), merge.truncated, ""));
  }

  /**
   * Lists range after range, starting with the one holding the query's first key, until a page
   * is truncated or no later range can match.
   */
  private <P, T> Future<ListMerge<T>> walk(ListObjectsQuery q, ListMerge<T> merge,
      BiFunction<PartitionApi, ListObjectsQuery, Future<P>> list, BiConsumer<P, ListMerge<T>> add,
      Predicate<P> truncated, Function<P, String> rangeHigh) {
    return routed(q.firstIndexKey(), api -> list.apply(api, q), Retry.READ, 1).compose(page -> {
      add.accept(page, merge);
      String high = rangeHigh.apply(page);
      if (truncated.test(page) || high.isEmpty() || !q.mayMatchAtOrAfter(high)) {
        merge.truncated = truncated.test(page);
        return Future.succeededFuture(merge);
      }
      return walk(merge.next(high), merge, list, add, truncated, rangeHigh);
    });
  }

  /** When a failed call may be sent again. */
  private record Retry(boolean read, BooleanSupplier bodyUntouched) {
    static final Retry READ = new Retry(true, () -> true);
    static final Retry WRITE = new Retry(false, () -> true);

    static Retry write(BooleanSupplier bodyUntouched) {
      return new Retry(false, bodyUntouched);
    }

    boolean allows(PartitionException e, Throwable raw) {
      boolean noEffect = e.code() == PartitionErrorCode.NOT_SERVING || neverReached(raw);
      return bodyUntouched.getAsBoolean() && (read || noEffect);
    }

    /** Whether the call never reached its server: the connection was refused. */
    private static boolean neverReached(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof ConnectException) {
          return true;
        }
      }
      return false;
    }
  }

  private <T> Future<T> routed(String indexKey, Function<PartitionApi, Future<T>> call, Retry retry, int attempt) {
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
      if (attempt >= config.attemptsMax() || !retry.allows(e, t)) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.UNAVAILABLE,
            "gave up on " + indexKey + " after " + attempt + " attempt(s): " + e.getMessage(), e));
      }
      Promise<Void> delay = Promise.promise();
      vertx.setTimer(Math.max(1, config.backoff(attempt).toMillis()), id -> delay.complete());
      return delay.future()
          .compose(v -> refreshMap().<Void>mapEmpty().recover(r -> Future.succeededFuture()))
          .compose(v -> routed(indexKey, call, retry, attempt + 1));
    });
  }
}
