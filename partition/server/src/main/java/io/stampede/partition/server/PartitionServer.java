package io.stampede.partition.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.ByteRange;
import io.stampede.common.key.IndexKey;
import io.stampede.partition.api.ListObjectsQuery;
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
 * once loaded; ranges no longer assigned are dropped.
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
  private volatile long leaseValidUntilMs;

  public PartitionServer(PartitionServerConfig config, StreamClient streams, MeterRegistry registry, Clock clock,
      Context context) {
    this.id = config.id();
    this.streams = streams;
    this.config = config.ranges();
    this.clock = clock;
    this.context = context;
    this.metrics = new PartitionServerMetrics(registry, config, this::rangesServed);
  }

  public int rangesServed() {
    return serving.size();
  }

  public PartitionServerMetrics metrics() {
    return metrics;
  }

  /** Applies {@code map}; the server may serve its ranges until {@code leaseValidUntilMs}. */
  public synchronized void update(PartitionMap map, long leaseValidUntilMs) {
    this.leaseValidUntilMs = leaseValidUntilMs;
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
    RangePartition.load(e.id(), e.range(), streams, config, clock, context).onComplete(ar -> {
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
    return p.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
        new PartitionException(PartitionErrorCode.NOT_SERVING, id + " does not serve " + indexKey)));
  }

  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return metrics.record("PutObject", owner(request.bucket(), request.key())
        .compose(p -> p.putObject(request, body))
        .onSuccess(info -> metrics.bytesIn(info.size())));
  }

  @Override
  public Future<ObjectRead> getObject(String bucket, String key, Optional<ByteRange> range) {
    return metrics.record("GetObject", owner(bucket, key)
        .compose(p -> p.getObject(bucket, key, range))
        .onSuccess(read -> metrics.bytesOut(read.span().length())));
  }

  @Override
  public Future<ObjectInfo> headObject(String bucket, String key) {
    return metrics.record("HeadObject", owner(bucket, key).compose(p -> p.headObject(bucket, key)));
  }

  @Override
  public Future<Void> deleteObject(String bucket, String key) {
    return metrics.record("DeleteObject", owner(bucket, key).compose(p -> p.deleteObject(bucket, key)));
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return metrics.record("ListObjects", ownerOf(query.firstIndexKey()).compose(p -> p.listObjects(query)));
  }

  /** One load of a range; compared by identity, so a later load of the same entry is another one. */
  private static final class Load {
    final PartitionEntry entry;

    Load(PartitionEntry entry) {
      this.entry = entry;
    }
  }
}
