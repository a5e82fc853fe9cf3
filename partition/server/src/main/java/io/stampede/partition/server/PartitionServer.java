package io.stampede.partition.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.PartitionId;
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
import io.stampede.partition.range.IdGenerator;
import java.security.SecureRandom;
import java.util.List;
import java.util.ArrayList;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.RangeLoad;
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
import io.stampede.partition.range.RangePartitionConfig;
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
import java.util.concurrent.ConcurrentHashMap;
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
  private final RangePartitionConfig config;
  private final Clock clock;
  private final Context context;
  private final Map<PartitionId, RangePartition> serving = new ConcurrentHashMap<>();
  /** Ranges being loaded; a load is forgotten when its assignment changes, and then never served. */
  private final Map<PartitionId, Load> loading = new ConcurrentHashMap<>();
  private final PartitionServerMetrics metrics;
  private final IdGenerator ids;
  private final RequestThrottle throttle;
  private volatile long leaseValidUntilMs;
  private long mapVersion;
  private volatile PartitionMap lastMap;

  public PartitionServer(PartitionServerConfig config, StreamClient streams, MeterRegistry registry, Clock clock,
      Context context) {
    this.id = config.id();
    this.streams = streams;
    this.config = config.ranges();
    this.clock = clock;
    this.context = context;
    this.metrics = new PartitionServerMetrics(registry, config, this::rangesServed);
    this.ids = new IdGenerator(clock, new SecureRandom());
    this.throttle = new RequestThrottle(config.limits(), clock, metrics::throttled);
  }

  public int rangesServed() {
    return serving.size();
  }

  public PartitionServerMetrics metrics() {
    return metrics;
  }

  /**
   * What this server holds, for its next heartbeat: every range served, loading or closing,
   * after the last map it applied.
   */
  public synchronized ServerReport report(PartitionServerInfo self) {
    List<RangeLoad> ranges = new ArrayList<>();
    serving.values().forEach(p -> ranges.add(p.load()));
    loading.keySet().forEach(id -> ranges.add(RangeLoad.notLoaded(id)));
    return new ServerReport(self, mapVersion, ranges);
  }

  /** Applies {@code map}; the server may serve its ranges until {@code leaseValidUntilMs}. */
  public synchronized void update(PartitionMap map, long leaseValidUntilMs) {
    this.leaseValidUntilMs = leaseValidUntilMs;
    this.mapVersion = map.version();
    this.lastMap = map;
    Map<PartitionId, PartitionEntry> mine = map.entriesOf(id).stream()
        .collect(Collectors.toMap(PartitionEntry::id, e -> e));
    serving.values().removeIf(p -> {
      PartitionEntry e = mine.get(p.id());
      boolean keep = e != null && e.range().equals(p.range());
      if (!keep) {
        log.info("{} stops serving {} {}", id, p.id(), p.range());
      }
      return !keep;
    });
    // A load that lost its assignment meanwhile replayed a log another server may have appended
    // to since: its result must never be served (a later map loads the range afresh).
    loading.values().removeIf(l -> !l.entry.equals(mine.get(l.entry.id())));
    mine.values().stream()
        .filter(e -> !serving.containsKey(e.id()) && !loading.containsKey(e.id()))
        .forEach(this::load);
  }

  private void load(PartitionEntry e) {
    Load ticket = new Load(e);
    loading.put(e.id(), ticket);
    RangePartition.load(e.id(), e.range(), streams, config, clock, ids, this::reclaim, context).onComplete(ar -> {
      synchronized (this) {
        if (!loading.remove(e.id(), ticket)) {
          log.info("{} drops its load of {} {}: no longer assigned to it meanwhile", id, e.id(), e.range());
        } else if (ar.succeeded()) {
          serving.put(e.id(), ar.result());
          log.info("{} serves {} {}", id, e.id(), e.range());
        } else {
          log.warn("{} could not load {}: {}", id, e.id(), ar.cause().toString());
        }
      }
    });
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
    Optional<RangePartition> p = serving.values().stream().filter(r -> r.range().contains(indexKey)).findFirst();
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

  /** One load of a range; compared by identity, so a later load of the same entry is another one. */
  private static final class Load {
    final PartitionEntry entry;

    Load(PartitionEntry entry) {
      this.entry = entry;
    }
  }
}
