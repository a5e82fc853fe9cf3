package io.stampede.partition.range;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.ByteRange;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.partition.index.IndexEntry;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.log.CommitLogCodec;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One range partition: object operations on keys of {@code range}. A put appends the bytes to
 * the blob stream, then one record to the commit log, then updates the index, then completes,
 * so an acknowledged object is durable and visible. {@link #load} rebuilds the index by
 * replaying the commit log.
 */
public final class RangePartition {
  private static final Logger log = LoggerFactory.getLogger(RangePartition.class);

  private final PartitionId id;
  private final KeyRange range;
  private final StreamClient streams;
  private final StreamId logStream;
  private final StreamId blobStream;
  private final RangePartitionConfig config;
  private final Clock clock;
  private final Context context;
  private final ObjectIndex index = new ObjectIndex();
  private final AtomicLong seq = new AtomicLong();

  private RangePartition(PartitionId id, KeyRange range, StreamClient streams, RangePartitionConfig config,
      Clock clock, Context context) {
    this.id = id;
    this.range = range;
    this.streams = streams;
    this.logStream = logStream(id);
    this.blobStream = blobStream(id);
    this.config = config;
    this.clock = clock;
    this.context = context;
  }

  public static StreamId logStream(PartitionId id) {
    return StreamId.of(id.value() + ".log");
  }

  public static StreamId blobStream(PartitionId id) {
    return StreamId.of(id.value() + ".blob");
  }

  /** Loads a range partition: replays its commit log into a fresh index (last record per key wins). */
  public static Future<RangePartition> load(PartitionId id, KeyRange range, StreamClient streams,
      RangePartitionConfig config, Clock clock, Context context) {
    RangePartition p = new RangePartition(id, range, streams, config, clock, context);
    return streams.replay(p.logStream, r -> p.applyRecord(CommitLogCodec.decode(r.data())))
        .map(v -> {
          log.info("{} loaded {}: {} objects from {} commit-log records", id, range, p.index.liveCount(), p.seq.get());
          return p;
        })
        .recover(t -> Future.failedFuture(PartitionRpcErrors.translate(t)));
  }

  public PartitionId id() {
    return id;
  }

  public KeyRange range() {
    return range;
  }

  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return BlobWriter.write(streams, blobStream, body, request.contentLength(), config.pendingBlocksMax(), context)
        .compose(written -> {
          ObjectInfo info = new ObjectInfo(request.bucket(), request.key(), written.size(), written.md5Hex(),
              clock.millis(), request.contentType(), request.headers(), request.userMetadata());
          return commit(new CommitLogRecord.Put(info, written.blob())).map(info);
        });
  }

  public Future<ObjectRead> getObject(String bucket, String key, Optional<ByteRange> byteRange) {
    Optional<IndexEntry> found = index.get(IndexKey.of(bucket, key));
    if (found.isEmpty()) {
      return Future.failedFuture(noSuchKey(bucket, key));
    }
    IndexEntry entry = found.get();
    long size = entry.info().size();
    ByteRange.Span span;
    if (byteRange.isPresent()) {
      Optional<ByteRange.Span> resolved = byteRange.get().resolve(size);
      if (resolved.isEmpty()) {
        return Future.failedFuture(new PartitionException(PartitionErrorCode.INVALID_RANGE,
            byteRange.get() + " of " + size + " bytes"));
      }
      span = resolved.get();
    } else {
      span = new ByteRange.Span(0, size - 1);
    }
    BlobReadStream body = new BlobReadStream(streams, entry.blob(), span, config.chunkBytesMax(), context);
    return Future.succeededFuture(new ObjectRead(entry.info(), span, byteRange.isPresent(), body, body::cancel));
  }

  public Future<ObjectInfo> headObject(String bucket, String key) {
    return index.get(IndexKey.of(bucket, key))
        .map(e -> Future.succeededFuture(e.info()))
        .orElseGet(() -> Future.failedFuture(noSuchKey(bucket, key)));
  }

  public Future<Void> deleteObject(String bucket, String key) {
    return commit(new CommitLogRecord.Delete(bucket, key, clock.millis())).mapEmpty();
  }

  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return Future.succeededFuture(index.list(query, range));
  }

  /** Appends the record to the commit log, then applies it to the index. */
  private Future<Void> commit(CommitLogRecord record) {
    Buffer block = CommitLogCodec.encode(record);
    if (block.length() > streams.blockBytesMax()) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.BAD_REQUEST,
          "index record of " + block.length() + " bytes exceeds a block (object too large)"));
    }
    long recordSeq;
    Future<?> appended;
    synchronized (this) {
      recordSeq = seq.incrementAndGet();
      appended = streams.append(logStream, List.of(block));
    }
    return appended
        .recover(t -> Future.failedFuture(PartitionRpcErrors.translate(t)))
        .map(v -> {
          index.apply(record.indexKey(), entryOf(record, recordSeq));
          return null;
        });
  }

  private void applyRecord(CommitLogRecord record) {
    index.apply(record.indexKey(), entryOf(record, seq.incrementAndGet()));
  }

  private static IndexEntry entryOf(CommitLogRecord record, long seq) {
    return record instanceof CommitLogRecord.Put put
        ? IndexEntry.object(put.info(), put.blob(), seq)
        : IndexEntry.tombstone(seq);
  }

  private static PartitionException noSuchKey(String bucket, String key) {
    return new PartitionException(PartitionErrorCode.NO_SUCH_KEY, bucket + "/" + key);
  }
}
