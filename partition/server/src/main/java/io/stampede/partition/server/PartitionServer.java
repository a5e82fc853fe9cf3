package io.stampede.partition.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.ByteRange;
import io.stampede.common.key.IndexKey;
import io.stampede.common.id.StreamId;
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
import io.stampede.partition.gc.GcPass;
import io.stampede.partition.index.KeySpaces;
import io.stampede.partition.range.IdGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.ServerReport;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionApi;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PartitionMap;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.range.RangePartition;
import io.stampede.partition.range.RangeServices;
import io.stampede.partition.throttle.RequestThrottle;
import io.stampede.partition.throttle.ThrottleReason;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object operations of one partition server over the range partitions it serves. A call for
 * a key outside them, or after the server's lease ran out, fails NOT_SERVING. {@link #update}
 * applies a partition map: ranges newly assigned are loaded (commit-log replay) and served only
 * once loaded; ranges no longer assigned are dropped. Each operation takes a token of its S3
 * bucket's and its range's rate limit first ({@link RequestThrottle}), failing SLOW_DOWN, body
 * paused and unread, when either has none.
 */
public final class PartitionServer implements PartitionApi {
  private static final Logger log = LoggerFactory.getLogger(PartitionServer.class);

  private final PartitionServerId id;
  private final StreamClient streams;
  private final Clock clock;
  private final RangeLifecycle ranges;
  private final PartitionServerMetrics metrics;
  private final RequestThrottle throttle;
  private volatile long leaseValidUntilMs;
  private volatile PartitionMap lastMap;

  public PartitionServer(PartitionServerConfig config, StreamClient streams, MeterRegistry registry, Clock clock,
      Context context) {
    this.id = config.id();
    this.streams = streams;
    this.clock = clock;
    this.metrics = new PartitionServerMetrics(registry, config, this::rangesServed);
    this.throttle = new RequestThrottle(config.limits(), clock, metrics::throttled);
    RangeServices services = new RangeServices(streams, config.ranges(), clock,
        new IdGenerator(clock, new SecureRandom()), this::reclaim, context);
    metrics.budgets(services.blobWrites(), services.blobReads());
    this.ranges = new RangeLifecycle(id, services, metrics, () -> clock.millis() < leaseValidUntilMs);
  }

  /** Runs {@code handler} whenever a range starts serving or is released. */
  public void changeHandler(Runnable handler) {
    ranges.changeHandler(handler);
  }

  public int rangesServed() {
    return ranges.served();
  }

  public PartitionServerMetrics metrics() {
    return metrics;
  }

  /**
   * What this server holds, for its next heartbeat: every range served, loading or closing,
   * after the last map it applied.
   */
  public synchronized ServerReport report(PartitionServerInfo self) {
    PartitionMap applied = lastMap;
    return new ServerReport(self, applied == null ? 0 : applied.version(), ranges.report());
  }

  /**
   * Applies {@code map}; the server may serve its ranges until {@code leaseValidUntilMs}. Ranges
   * no longer assigned are closed and reported until closed ({@link RangeLifecycle}).
   */
  public synchronized void update(PartitionMap map, long leaseValidUntilMs) {
    this.leaseValidUntilMs = leaseValidUntilMs;
    this.lastMap = map;
    ranges.assign(map.entriesOf(id).stream().collect(Collectors.toMap(PartitionEntry::id, e -> e)));
  }

  private Future<RangePartition> owner(String bucket, String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > KEY_BYTES_MAX) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.BAD_REQUEST,
          "key longer than " + KEY_BYTES_MAX + " bytes"));
    }
    return ownerOf(IndexKey.of(bucket, key));
  }

  private Future<RangePartition> ownerOf(String indexKey) {
    if (clock.millis() >= leaseValidUntilMs) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.NOT_SERVING, id + " holds no valid lease"));
    }
    Optional<RangePartition> p = ranges.owner(indexKey);
    return p.map(r -> admitted(r, IndexKey.bucket(indexKey))).orElseGet(() -> Future.failedFuture(
        new PartitionException(PartitionErrorCode.NOT_SERVING, id + " does not serve " + indexKey + ownerHint(indexKey))));
  }

  /** Who serves the key by the last map this server applied, for the caller refreshing its map. */
  private String ownerHint(String indexKey) {
    PartitionMap m = lastMap;
    if (m == null) {
      return "";
    }
    return m.entryFor(indexKey).map(e -> "; in map v" + m.version() + " " + e.id() + " " + e.range() + " is "
        + e.owner().map(s -> "on " + s).orElse("being assigned")).orElse("");
  }

  private Future<RangePartition> admitted(RangePartition p, String bucket) {
    Optional<ThrottleReason> refused = throttle.admit(p.id(), bucket);
    return refused.isEmpty() ? Future.succeededFuture(p) : Future.failedFuture(new PartitionException(
        PartitionErrorCode.SLOW_DOWN, id + " throttles " + refused.get().tag() + " of " + bucket + " in " + p.id()));
  }

  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return metrics.record("PutObject", owner(request.bucket(), request.key()).onFailure(t -> body.pause())
        .compose(p -> p.putObject(request, body))
        .onSuccess(info -> metrics.bytesIn(info.size())));
  }

  @Override
  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
    return metrics.record("GetObject", owner(ref.bucket(), ref.key())
        .compose(p -> p.getObject(ref, range))
        .onSuccess(read -> metrics.bytesOut(read.span().length())));
  }

  @Override
  public Future<ObjectInfo> headObject(ObjectRef ref) {
    return metrics.record("HeadObject", owner(ref.bucket(), ref.key()).compose(p -> p.headObject(ref)));
  }

  @Override
  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    return metrics.record("DeleteObject", owner(request.bucket(), request.key()).compose(p -> p.deleteObject(request)));
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return metrics.record("ListObjects", ownerOf(query.firstIndexKey()).compose(p -> p.listObjects(query)));
  }

  @Override
  public Future<ListPage> listObjectVersions(ListObjectsQuery query) {
    return metrics.record("ListObjectVersions", ownerOf(query.firstIndexKey()).compose(p -> p.listObjectVersions(query)));
  }

  @Override
  public Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags) {
    return metrics.record("SetTags", owner(ref.bucket(), ref.key()).compose(p -> p.setTags(ref, tags)));
  }

  @Override
  public Future<List<ObjectPart>> objectParts(ObjectRef ref) {
    return metrics.record("ObjectParts", owner(ref.bucket(), ref.key()).compose(p -> p.objectParts(ref)));
  }

  @Override
  public Future<UploadInfo> createUpload(CreateUploadRequest request) {
    return metrics.record("CreateUpload", owner(request.bucket(), request.key()).compose(p -> p.createUpload(request)));
  }

  @Override
  public Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body) {
    return metrics.record("UploadPart", owner(request.upload().bucket(), request.upload().key())
        .onFailure(t -> body.pause())
        .compose(p -> p.uploadPart(request, body))
        .onSuccess(part -> metrics.bytesIn(part.size())));
  }

  @Override
  public Future<ObjectInfo> completeUpload(CompleteUploadRequest request) {
    return metrics.record("CompleteUpload", owner(request.upload().bucket(), request.upload().key())
        .compose(p -> p.completeUpload(request)));
  }

  @Override
  public Future<Void> abortUpload(UploadRef upload) {
    return metrics.record("AbortUpload", owner(upload.bucket(), upload.key()).compose(p -> p.abortUpload(upload)));
  }

  @Override
  public Future<PartPage> listParts(UploadRef upload, int partNumberMarker, int maxParts) {
    return metrics.record("ListParts", owner(upload.bucket(), upload.key())
        .compose(p -> p.listParts(upload, partNumberMarker, maxParts)));
  }

  @Override
  public Future<UploadPage> listUploads(ListObjectsQuery query) {
    return metrics.record("ListUploads", ownerOf(query.firstIndexKey()).compose(p -> p.listUploads(query)));
  }

  @Override
  public Future<String> closeBucket(String bucket, String from) {
    return metrics.record("CloseBucket", inBucket(bucket, from).compose(p -> p.closeBucket(bucket)));
  }

  @Override
  public Future<String> reopenBucket(String bucket, String from) {
    return metrics.record("ReopenBucket", inBucket(bucket, from).compose(p -> p.reopenBucket(bucket)));
  }

  /** The range holding {@code from}, which must be a key of the bucket. */
  private Future<RangePartition> inBucket(String bucket, String from) {
    if (bucket.isEmpty() || bucket.indexOf(IndexKey.SEPARATOR) >= 0 || !KeySpaces.range(bucket).contains(from)) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.BAD_REQUEST,
          from + " is not a key of bucket " + bucket));
    }
    return ownerOf(from);
  }

  /**
   * One garbage-collection pass over the blob stream of every range served, one range after the
   * other ({@link RangePartition#collectGarbage}); a range that closes or fails meanwhile is
   * skipped (its next load collects). Completes with each pass done.
   */
  public Future<List<GcPass>> collectGarbage() {
    List<GcPass> passes = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (RangePartition p : ranges.serving()) {
      chain = chain.compose(v -> clock.millis() >= leaseValidUntilMs ? Future.succeededFuture()
          : p.collectGarbage().transform(ar -> {
            if (ar.succeeded()) {
              passes.add(ar.result());
              metrics.gcPass(ar.result());
            } else {
              log.warn("{} gc of {} skipped: {}", id, p.id(), ar.cause().toString());
            }
            return Future.succeededFuture();
          }));
    }
    return chain.map(v -> passes);
  }

  /** Deletes a stream no version or upload uses any more (the space of aborted or removed uploads). */
  private void reclaim(StreamId stream) {
    metrics.streamReclaimed();
    streams.deleteStream(stream).onComplete(ar -> {
      if (ar.succeeded()) {
        log.info("{} deleted stream {}", id, stream);
      } else {
        // Safe to leave: the range's next load hands every stream it found unused to deletion again.
        log.warn("{} could not delete stream {} (retried at the next load): {}", id, stream, ar.cause().toString());
      }
    });
  }
}
