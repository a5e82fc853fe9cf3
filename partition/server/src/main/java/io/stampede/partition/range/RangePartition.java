package io.stampede.partition.range;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.ByteRange;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.CreateUploadRequest;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartPage;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.Versioning;
import io.stampede.partition.api.WriteCondition;
import io.stampede.partition.api.grpc.PartitionRpcErrors;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.index.ObjectVersion;
import io.stampede.partition.index.UploadState;
import io.stampede.partition.log.CommitLogCodec;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.StreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One range partition: object operations on keys of {@code range}. A write appends its bytes
 * (if any) to a blob stream, then one record to the commit log, then updates the index, then
 * completes, so an acknowledged write is durable and visible. Writes of one key are decided and
 * committed one at a time ({@link KeyedQueue}), which makes conditional writes atomic.
 * {@link #load} rebuilds the index by replaying the commit log.
 *
 * <p>Object bytes go to the shared stream {@code <id>.blob}; each multipart upload writes its
 * parts to a stream of its own, {@code <id>.mpu.<uploadId>}, which the completed object keeps
 * using (parts are never copied) and which is deleted when the upload is aborted or the last
 * version using it is removed.
 */
public final class RangePartition {
  private static final Logger log = LoggerFactory.getLogger(RangePartition.class);
  /** What S3 computes for objects uploaded without a checksum. */
  static final ChecksumAlgorithm DEFAULT_CHECKSUM = ChecksumAlgorithm.CRC64NVME;

  private final PartitionId id;
  private final KeyRange range;
  private final StreamClient streams;
  private final StreamId logStream;
  private final StreamId blobStream;
  private final RangePartitionConfig config;
  private final Clock clock;
  private final IdGenerator ids;
  private final Consumer<StreamId> reclaimer;
  private final Context context;
  private final ObjectIndex index = new ObjectIndex();
  private final KeyedQueue writes = new KeyedQueue();
  private long records;

  private RangePartition(PartitionId id, KeyRange range, StreamClient streams, RangePartitionConfig config,
      Clock clock, IdGenerator ids, Consumer<StreamId> reclaimer, Context context) {
    this.id = id;
    this.range = range;
    this.streams = streams;
    this.logStream = logStream(id);
    this.blobStream = blobStream(id);
    this.config = config;
    this.clock = clock;
    this.ids = ids;
    this.reclaimer = reclaimer;
    this.context = context;
  }

  public static StreamId logStream(PartitionId id) {
    return StreamId.of(id.value() + ".log");
  }

  public static StreamId blobStream(PartitionId id) {
    return StreamId.of(id.value() + ".blob");
  }

  /**
   * Loads a range partition: replays its commit log into a fresh index, then hands the streams
   * that replay found unused to {@code reclaimer} again (deletion is idempotent; this finishes
   * any a crash interrupted).
   */
  public static Future<RangePartition> load(PartitionId id, KeyRange range, StreamClient streams,
      RangePartitionConfig config, Clock clock, IdGenerator ids, Consumer<StreamId> reclaimer, Context context) {
    RangePartition p = new RangePartition(id, range, streams, config, clock, ids, reclaimer, context);
    List<String> freed = new ArrayList<>();
    return streams.replay(p.logStream, r -> {
          freed.addAll(p.index.apply(CommitLogCodec.decode(r.data())));
          p.records++;
        })
        .map(v -> {
          log.info("{} loaded {}: {} objects, {} uploads from {} commit-log records", id, range,
              p.index.liveCount(), p.index.uploadCount(), p.records);
          freed.forEach(s -> reclaimer.accept(StreamId.of(s)));
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

  /** This range's size and load now, for the partition manager. */
  public RangeLoad load() {
    return new RangeLoad(id, true, index.liveCount(), 0, 0, Optional.empty());
  }

  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    String indexKey = IndexKey.of(request.bucket(), request.key());
    ChecksumAlgorithm algorithm = request.checksumAlgorithm().orElse(DEFAULT_CHECKSUM);
    try {
      check(request.condition(), index.current(indexKey));
    } catch (PartitionException e) {
      body.pause();
      return Future.failedFuture(e);
    }
    return BlobWriter.write(streams, blobStream, body, request.contentLength(), algorithm, config.pendingBlocksMax(),
            context)
        .compose(written -> writes.run(indexKey, () -> {
          check(request.condition(), index.current(indexKey));
          ObjectInfo info = new ObjectInfo(request.bucket(), request.key(), written.size(), written.md5Hex(),
              clock.millis(), request.contentType(), request.headers(), request.userMetadata(),
              newVersionId(request.versioning()), false, Optional.of(StoredChecksum.fullObject(algorithm,
                  written.checksum())), request.tags(), 0, true);
          return commit(new CommitLogRecord.Put(info, written.blob())).map(info);
        }));
  }

  private String newVersionId(Versioning versioning) {
    return versioning.keepsVersions() ? ids.next() : ObjectInfo.NULL_VERSION;
  }

  /** Fails PRECONDITION_FAILED unless {@code condition} holds for the key's current version. */
  private static void check(WriteCondition condition, Optional<ObjectVersion> current) {
    Optional<ObjectInfo> live = current.map(ObjectVersion::info).filter(i -> !i.deleteMarker());
    if (condition.ifNoneMatch() && live.isPresent()) {
      throw new PartitionException(PartitionErrorCode.PRECONDITION_FAILED, "the key exists (If-None-Match: *)");
    }
    if (condition.ifMatch().isPresent()) {
      String want = UploadCompletion.unquote(condition.ifMatch().get());
      if (live.isEmpty()) {
        throw new PartitionException(PartitionErrorCode.NO_SUCH_KEY, "If-Match on a key with no current version");
      }
      if (!want.equals("*") && !want.equals(live.get().etag())) {
        throw new PartitionException(PartitionErrorCode.PRECONDITION_FAILED, "the ETag is not " + want);
      }
    }
  }

  /** The version a read means: current or by id; NO_SUCH_KEY / NO_SUCH_VERSION if none. */
  private ObjectVersion resolve(ObjectRef ref) {
    String indexKey = IndexKey.of(ref.bucket(), ref.key());
    if (ref.versionId().isEmpty()) {
      return index.current(indexKey)
          .orElseThrow(() -> noSuchKey(ref.bucket(), ref.key()));
    }
    return index.version(indexKey, ref.versionId()).orElseThrow(() -> new PartitionException(
        PartitionErrorCode.NO_SUCH_VERSION, ref.bucket() + "/" + ref.key() + " has no version " + ref.versionId()));
  }

  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> byteRange) {
    ObjectVersion version;
    ByteRange.Span span;
    boolean partial;
    try {
      version = resolve(ref);
      long size = version.info().size();
      if (ref.partNumber() > 0 && !version.deleteMarker()) {
        span = partSpan(version, ref.partNumber());
        partial = !version.parts().isEmpty();
      } else if (byteRange.isPresent() && !version.deleteMarker()) {
        span = byteRange.get().resolve(size).orElseThrow(() -> new PartitionException(
            PartitionErrorCode.INVALID_RANGE, byteRange.get() + " of " + size + " bytes"));
        partial = true;
      } else {
        span = new ByteRange.Span(0, size - 1);
        partial = false;
      }
    } catch (PartitionException e) {
      return Future.failedFuture(e);
    }
    BlobReadStream body = new BlobReadStream(streams, version.blob(), span, config.chunkBytesMax(), context);
    return Future.succeededFuture(new ObjectRead(version.info(), span, partial, body, body::cancel));
  }

  /** The bytes of part {@code n}; a version not made of parts is one part. */
  private static ByteRange.Span partSpan(ObjectVersion version, int n) {
    List<ObjectPart> parts = version.parts();
    int count = Math.max(1, parts.size());
    if (n > count) {
      throw new PartitionException(PartitionErrorCode.INVALID_PART_NUMBER,
          "part " + n + " of an object of " + count + " part(s)");
    }
    if (parts.isEmpty()) {
      return new ByteRange.Span(0, version.info().size() - 1);
    }
    long start = 0;
    for (int i = 0; i < n - 1; i++) {
      start += parts.get(i).size();
    }
    return new ByteRange.Span(start, start + parts.get(n - 1).size() - 1);
  }

  public Future<ObjectInfo> headObject(ObjectRef ref) {
    try {
      return Future.succeededFuture(resolve(ref).info());
    } catch (PartitionException e) {
      return Future.failedFuture(e);
    }
  }

  public Future<List<ObjectPart>> objectParts(ObjectRef ref) {
    try {
      return Future.succeededFuture(resolve(ref).parts());
    } catch (PartitionException e) {
      return Future.failedFuture(e);
    }
  }

  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    String indexKey = IndexKey.of(request.bucket(), request.key());
    return writes.run(indexKey, () -> {
      Optional<ObjectVersion> current = index.current(indexKey);
      request.ifMatch().ifPresent(etag -> check(new WriteCondition(Optional.of(etag), false), current));
      if (!request.versionId().isEmpty()) {
        Optional<ObjectVersion> v = index.version(indexKey, request.versionId());
        if (v.isEmpty()) {
          return Future.succeededFuture(new DeleteResult(request.versionId(), false));
        }
        return commit(new CommitLogRecord.Delete(request.bucket(), request.key(), clock.millis(), request.versionId()))
            .map(new DeleteResult(request.versionId(), v.get().deleteMarker()));
      }
      if (request.versioning() == Versioning.UNVERSIONED) {
        if (index.version(indexKey, ObjectInfo.NULL_VERSION).isEmpty()) {
          return Future.succeededFuture(DeleteResult.NONE);
        }
        return commit(new CommitLogRecord.Delete(request.bucket(), request.key(), clock.millis(),
            ObjectInfo.NULL_VERSION)).map(DeleteResult.NONE);
      }
      ObjectInfo marker = ObjectInfo.deleteMarker(request.bucket(), request.key(),
          newVersionId(request.versioning()), clock.millis());
      return commit(new CommitLogRecord.Put(marker, List.of())).map(new DeleteResult(marker.versionId(), true));
    });
  }

  public Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags) {
    return writes.run(IndexKey.of(ref.bucket(), ref.key()), () -> {
      ObjectVersion v = resolve(ref);
      if (v.deleteMarker()) {
        throw new PartitionException(PartitionErrorCode.METHOD_NOT_ALLOWED, "a delete marker has no tags");
      }
      return commit(new CommitLogRecord.TagsSet(ref.bucket(), ref.key(), v.versionId(), tags))
          .map(v.info().withTags(tags));
    });
  }

  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return Future.succeededFuture(index.list(query, range));
  }

  public Future<ListPage> listObjectVersions(ListObjectsQuery query) {
    return Future.succeededFuture(index.listVersions(query, range));
  }

  public Future<UploadPage> listUploads(ListObjectsQuery query) {
    return Future.succeededFuture(index.listUploads(query, range));
  }

  public Future<UploadInfo> createUpload(CreateUploadRequest request) {
    String uploadId = ids.next();
    UploadInfo upload = new UploadInfo(request.bucket(), request.key(), uploadId, clock.millis(),
        request.checksumAlgorithm(), request.checksumType());
    ObjectInfo template = new ObjectInfo(request.bucket(), request.key(), 0, "", upload.initiatedMs(),
        request.contentType(), request.headers(), request.userMetadata(), ObjectInfo.NULL_VERSION, false,
        Optional.empty(), request.tags(), 0, true);
    String stream = id.value() + ".mpu." + uploadId;
    return writes.run(IndexKey.of(request.bucket(), request.key()),
        () -> commit(new CommitLogRecord.UploadCreated(upload, template, stream)).map(upload));
  }

  public Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body) {
    UploadRef ref = request.upload();
    String indexKey = IndexKey.of(ref.bucket(), ref.key());
    UploadState upload;
    try {
      upload = upload(ref);
    } catch (PartitionException e) {
      body.pause();
      return Future.failedFuture(e);
    }
    ChecksumAlgorithm algorithm = upload.info().checksumAlgorithm().orElse(DEFAULT_CHECKSUM);
    return BlobWriter.write(streams, StreamId.of(upload.blobStream()), body, request.contentLength(), algorithm,
            config.pendingBlocksMax(), context)
        .compose(written -> writes.run(indexKey, () -> {
          upload(ref);
          ObjectPart part = new ObjectPart(request.partNumber(), written.size(), written.md5Hex(), clock.millis(),
              Base64.getEncoder().encodeToString(written.checksum()));
          return commit(new CommitLogRecord.PartPut(ref.bucket(), ref.key(), ref.uploadId(), part, written.blob()))
              .map(part);
        }));
  }

  private UploadState upload(UploadRef ref) {
    return index.upload(IndexKey.of(ref.bucket(), ref.key()), ref.uploadId()).orElseThrow(() ->
        new PartitionException(PartitionErrorCode.NO_SUCH_UPLOAD, "no upload " + ref.uploadId() + " of "
            + ref.bucket() + "/" + ref.key()));
  }

  public Future<ObjectInfo> completeUpload(CompleteUploadRequest request) {
    UploadRef ref = request.upload();
    return writes.run(IndexKey.of(ref.bucket(), ref.key()), () -> {
      UploadState upload = upload(ref);
      List<ObjectPart> parts = UploadCompletion.selectedParts(upload, request);
      check(request.condition(), index.current(IndexKey.of(ref.bucket(), ref.key())));
      ChecksumAlgorithm algorithm = upload.info().checksumAlgorithm().orElse(DEFAULT_CHECKSUM);
      ChecksumType type = upload.info().checksumAlgorithm().isPresent()
          ? upload.info().checksumType() : ChecksumType.FULL_OBJECT;
      ObjectInfo info = UploadCompletion.info(upload, parts, newVersionId(request.versioning()), clock.millis(),
          UploadCompletion.checksum(algorithm, type, parts));
      return commit(new CommitLogRecord.UploadCompleted(ref.bucket(), ref.key(), ref.uploadId(), info,
          parts.stream().map(ObjectPart::partNumber).toList())).map(info);
    });
  }

  public Future<Void> abortUpload(UploadRef ref) {
    return writes.run(IndexKey.of(ref.bucket(), ref.key()), () -> {
      upload(ref);
      return commit(new CommitLogRecord.UploadAborted(ref.bucket(), ref.key(), ref.uploadId()));
    });
  }

  public Future<PartPage> listParts(UploadRef ref, int partNumberMarker, int maxParts) {
    try {
      UploadState upload = upload(ref);
      List<ObjectPart> after = upload.parts().values().stream()
          .filter(p -> p.partNumber() > partNumberMarker).toList();
      boolean truncated = after.size() > maxParts;
      return Future.succeededFuture(new PartPage(upload.info(),
          truncated ? after.subList(0, maxParts) : after, truncated));
    } catch (PartitionException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Appends the record to the commit log, then applies it to the index and hands the streams it
   * freed to the reclaimer.
   */
  private Future<Void> commit(CommitLogRecord record) {
    Buffer block = CommitLogCodec.encode(record);
    if (block.length() > streams.blockBytesMax()) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.BAD_REQUEST,
          "index record of " + block.length() + " bytes exceeds a block"));
    }
    return streams.append(logStream, List.of(block))
        .recover(t -> Future.failedFuture(PartitionRpcErrors.translate(t)))
        .map(v -> {
          List<String> freed;
          synchronized (this) {
            records++;
            freed = index.apply(record);
          }
          freed.forEach(s -> reclaimer.accept(StreamId.of(s)));
          return null;
        });
  }

  private static PartitionException noSuchKey(String bucket, String key) {
    return new PartitionException(PartitionErrorCode.NO_SUCH_KEY, bucket + "/" + key);
  }
}
