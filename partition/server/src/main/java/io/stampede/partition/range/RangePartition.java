package io.stampede.partition.range;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.ChecksumType;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.common.flow.ByteBudget;
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
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartPage;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.blob.BlobReadStream;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.stampede.partition.api.Versioning;
import io.stampede.partition.api.WriteCondition;
import io.stampede.partition.checkpoint.CheckpointStore;
import io.stampede.partition.gc.BlobGc;
import io.stampede.partition.gc.GcPass;
import io.stampede.partition.index.ObjectIndex;
import io.stampede.partition.index.ObjectVersion;
import io.stampede.partition.index.UploadState;
import io.stampede.partition.log.CommitLogRecord;
import io.stampede.stream.api.StreamClient;
import io.stampede.stream.api.StreamWriter;
import io.stampede.stream.client.OwnedStreams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One range partition: object operations on keys of {@code range}. A write appends its bytes
 * (if any) to a blob stream, then one record to the commit log, then updates the index, then
 * completes, so an acknowledged write is durable and visible. Writes of one key are decided and
 * committed one at a time ({@link KeyedQueue}), which makes conditional writes atomic.
 * {@link #load} rebuilds the index from the latest checkpoint and the commit log after it
 * ({@link RangeLoader}); a checkpoint is written every {@code checkpointRecords} records and by
 * {@link #close}. A failed commit-log append breaks the range ({@link CommitLog}).
 *
 * <p>One load of a range on one server is one owner: it writes every stream of the range through
 * writers it claimed ({@link OwnedStreams}): the commit log before replaying it, the others right
 * before their first write. Once another load claims a stream (here or on another server), this
 * one's writes to it fail (fenced) and its requests are answered UNAVAILABLE, never acknowledged.
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
  private final OwnedStreams owned;
  private final StreamId blobStream;
  private final RangePartitionConfig config;
  private final Clock clock;
  private final IdGenerator ids;
  private final Context context;
  private final RangeServices services;
  private final ByteBudget blobReads;
  private final PinnedExtents pinned = new PinnedExtents();
  private final ObjectIndex index;
  private final KeyedQueue writes = new KeyedQueue();
  private final CommitLog commitLog;
  private final Checkpointer checkpointer;
  private final RequestRate rate;
  private final RangeGate gate;
  private final BlobGc gc;
  private Future<GcPass> gcRunning;
  private volatile GcPass lastGc;
  private Future<Void> drained;
  private Future<Void> closed;

  RangePartition(PartitionEntry entry, RangeServices services, ObjectIndex index, CheckpointStore store,
      OwnedStreams owned, StreamWriter logWriter) {
    this.id = entry.id();
    this.range = entry.range();
    this.streams = services.streams();
    this.owned = owned;
    this.blobStream = blobStream(id);
    this.config = services.config();
    this.clock = services.clock();
    this.ids = services.ids();
    this.context = services.context();
    this.services = services;
    this.blobReads = services.blobReads();
    this.index = index;
    this.rate = new RequestRate(clock);
    this.checkpointer = new Checkpointer(id, index, store, context, clock, config.checkpointRecords());
    this.commitLog = new CommitLog(id, logWriter, streams.blockBytesMax(), index, services.reclaimer(),
        this::applied);
    this.gate = new RangeGate(id, rate, commitLog::broken, config.drainTimeout());
    this.gc = new BlobGc(id, blobStream, index, owned, context, config.gc().liveRatioMin(),
        record -> gate.write(null, () -> writes.run(record.indexKey(), () -> commit(record))),
        () -> gate.closing() || commitLog.broken(), pinned);
    this.lastGc = GcPass.nothing(blobStream);
  }

  public static StreamId logStream(PartitionId id) {
    return StreamId.of(id.value() + ".log");
  }

  public static StreamId blobStream(PartitionId id) {
    return StreamId.of(id.value() + ".blob");
  }

  /** Loads the range partition of {@code entry} from the streams ({@link RangeLoader}). */
  public static Future<RangePartition> load(PartitionEntry entry, RangeServices services) {
    return RangeLoader.load(entry, services);
  }

  public PartitionId id() {
    return id;
  }

  public KeyRange range() {
    return range;
  }

  ObjectIndex index() {
    return index;
  }

  CommitLog commitLog() {
    return commitLog;
  }

  Checkpointer checkpointer() {
    return checkpointer;
  }

  /** This range's size and load now, for the partition manager. */
  public RangeLoad load() {
    GcPass gcPass = lastGc;
    return new RangeLoad(id, true, index.liveKeys(), index.liveBytes(), rate.perSecond(), index.splitKey(),
        gcPass.sealedBytesAfter(), gcPass.sealedLiveBytesAfter(), gcPass.ownBlobsOnly());
  }

  /** Live keys (current versions that are objects). */
  public long keys() {
    return index.liveKeys();
  }

  /** Bytes of the current versions that are objects. */
  public long bytes() {
    return index.liveBytes();
  }

  /** Requests per second over the last few seconds. */
  public double requestsPerSecond() {
    return rate.perSecond();
  }

  /**
   * Runs {@code listener} once if a commit-log append fails: the range then refuses everything
   * (NOT_SERVING) and must be closed and loaded again from the streams.
   */
  public void onBroken(Runnable listener) {
    commitLog.onBroken(listener);
  }

  public boolean broken() {
    return commitLog.broken();
  }

  /**
   * Closes the range: refuses new operations (NOT_SERVING), waits for the writes in flight (at
   * most {@code drainTimeout}; those still running then fail), stops appending to the commit
   * log, and writes a final checkpoint (none for a broken range: its log holds everything).
   * Once it completes, this server will never append to the range's log again. If it fails (the
   * checkpoint could not be written), call it again.
   */
  public synchronized Future<Void> close() {
    if (closed != null && !closed.failed()) {
      return closed;
    }
    if (drained == null) {
      drained = gate.close().compose(v -> commitLog.seal());
    }
    closed = drained.compose(v -> commitLog.broken() ? Future.succeededFuture() : checkpointer.write())
        .onSuccess(v -> log.info("{} closed {}", id, range))
        .onFailure(t -> log.warn("{} could not close {}: {}", id, range, t.toString()));
    return closed;
  }

  /**
   * Runs one garbage-collection pass over this range's blob stream ({@link BlobGc}), or joins the
   * one running. Fails NOT_SERVING once the range is closing or broken.
   */
  public synchronized Future<GcPass> collectGarbage() {
    if (gate.closing() || commitLog.broken()) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.NOT_SERVING, id + " is closing"));
    }
    if (gcRunning == null || gcRunning.isComplete()) {
      gcRunning = gc.run().onSuccess(pass -> lastGc = pass);
    }
    return gcRunning;
  }

  /** What the last garbage-collection pass of this load found (nothing before the first). */
  public GcPass lastGc() {
    return lastGc;
  }

  private void applied() {
    if (!gate.closing()) {
      checkpointer.maybeStart();
    }
  }

  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    return gate.write(body, () -> putObjectNow(request, body));
  }

  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> byteRange) {
    return gate.read(() -> getObjectNow(ref, byteRange));
  }

  public Future<ObjectInfo> headObject(ObjectRef ref) {
    return gate.read(() -> headObjectNow(ref));
  }

  public Future<List<ObjectPart>> objectParts(ObjectRef ref) {
    return gate.read(() -> objectPartsNow(ref));
  }

  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    return gate.write(null, () -> deleteObjectNow(request));
  }

  public Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags) {
    return gate.write(null, () -> setTagsNow(ref, tags));
  }

  public Future<ListPage> listObjects(ListObjectsQuery query) {
    return gate.read(() -> listObjectsNow(query));
  }

  public Future<ListPage> listObjectVersions(ListObjectsQuery query) {
    return gate.read(() -> listObjectVersionsNow(query));
  }

  public Future<UploadPage> listUploads(ListObjectsQuery query) {
    return gate.read(() -> listUploadsNow(query));
  }

  public Future<UploadInfo> createUpload(CreateUploadRequest request) {
    return gate.write(null, () -> createUploadNow(request));
  }

  public Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body) {
    return gate.write(body, () -> uploadPartNow(request, body));
  }

  public Future<ObjectInfo> completeUpload(CompleteUploadRequest request) {
    return gate.write(null, () -> completeUploadNow(request));
  }

  public Future<Void> abortUpload(UploadRef ref) {
    return gate.write(null, () -> abortUploadNow(ref));
  }

  public Future<PartPage> listParts(UploadRef ref, int partNumberMarker, int maxParts) {
    return gate.read(() -> listPartsNow(ref, partNumberMarker, maxParts));
  }

  /**
   * Closes the bucket's key space in this range ({@code BucketClosed}, decided as it applies:
   * BUCKET_NOT_EMPTY while the range holds anything of the bucket); answers the range's high bound.
   */
  public Future<String> closeBucket(String bucket) {
    return gate.write(null, () -> commit(new CommitLogRecord.BucketClosed(bucket)).map(v -> range.high()));
  }

  /** Opens the bucket's key space in this range again; answers the range's high bound. */
  public Future<String> reopenBucket(String bucket) {
    return gate.write(null, () -> commit(new CommitLogRecord.BucketReopened(bucket)).map(v -> range.high()));
  }

  /** Fails NO_SUCH_BUCKET early (before a body is stored) for a deleted bucket; the commit decides for good. */
  private void open(String bucket) {
    if (index.closed(bucket)) {
      throw new PartitionException(PartitionErrorCode.NO_SUCH_BUCKET, bucket + " was deleted");
    }
  }

  private Future<ObjectInfo> putObjectNow(PutObjectRequest request, ReadStream<Buffer> body) {
    String indexKey = IndexKey.of(request.bucket(), request.key());
    ChecksumAlgorithm algorithm = request.checksumAlgorithm().orElse(DEFAULT_CHECKSUM);
    try {
      open(request.bucket());
      check(request.condition(), index.current(indexKey));
    } catch (PartitionException e) {
      body.pause();
      return Future.failedFuture(e);
    }
    PinnedExtents.Upload pins = pinned.begin();
    return BlobWriter.write(owned, blobStream, body, request.contentLength(), algorithm, pins, services)
        .compose(written -> writes.run(indexKey, () -> {
          check(request.condition(), index.current(indexKey));
          ObjectInfo info = new ObjectInfo(request.bucket(), request.key(), written.size(), written.md5Hex(),
              clock.millis(), request.contentType(), request.headers(), request.userMetadata(),
              newVersionId(request.versioning()), false, Optional.of(StoredChecksum.fullObject(algorithm,
                  written.checksum())), request.tags(), 0, true);
          return commit(new CommitLogRecord.Put(info, written.blob())).map(info);
        }))
        .onComplete(ar -> pins.end());
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

  private Future<ObjectRead> getObjectNow(ObjectRef ref, Optional<ByteRange> byteRange) {
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
    BlobReadStream body = new BlobReadStream(streams::read, version.blob(), 0, span, config.chunkBytesMax(),
        config.readAheadBlocks(), blobReads, context);
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

  private Future<ObjectInfo> headObjectNow(ObjectRef ref) {
    try {
      return Future.succeededFuture(resolve(ref).info());
    } catch (PartitionException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<List<ObjectPart>> objectPartsNow(ObjectRef ref) {
    try {
      return Future.succeededFuture(resolve(ref).parts());
    } catch (PartitionException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<DeleteResult> deleteObjectNow(DeleteObjectRequest request) {
    String indexKey = IndexKey.of(request.bucket(), request.key());
    return writes.run(indexKey, () -> {
      open(request.bucket());
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

  private Future<ObjectInfo> setTagsNow(ObjectRef ref, Map<String, String> tags) {
    return writes.run(IndexKey.of(ref.bucket(), ref.key()), () -> {
      ObjectVersion v = resolve(ref);
      if (v.deleteMarker()) {
        throw new PartitionException(PartitionErrorCode.METHOD_NOT_ALLOWED, "a delete marker has no tags");
      }
      return commit(new CommitLogRecord.TagsSet(ref.bucket(), ref.key(), v.versionId(), tags))
          .map(v.info().withTags(tags));
    });
  }

  private Future<ListPage> listObjectsNow(ListObjectsQuery query) {
    return Future.succeededFuture(index.list(query, range));
  }

  private Future<ListPage> listObjectVersionsNow(ListObjectsQuery query) {
    return Future.succeededFuture(index.listVersions(query, range));
  }

  private Future<UploadPage> listUploadsNow(ListObjectsQuery query) {
    return Future.succeededFuture(index.listUploads(query, range));
  }

  private Future<UploadInfo> createUploadNow(CreateUploadRequest request) {
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

  private Future<ObjectPart> uploadPartNow(UploadPartRequest request, ReadStream<Buffer> body) {
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
    // parts go to the upload's own stream, which blob garbage collection never takes
    return BlobWriter.write(owned, StreamId.of(upload.blobStream()), body, request.contentLength(), algorithm,
            pinned.none(), services)
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

  private Future<ObjectInfo> completeUploadNow(CompleteUploadRequest request) {
    UploadRef ref = request.upload();
    return writes.run(IndexKey.of(ref.bucket(), ref.key()), () -> {
      Optional<ObjectVersion> done = index.completedFrom(IndexKey.of(ref.bucket(), ref.key()), ref.uploadId());
      if (done.isPresent() && index.upload(IndexKey.of(ref.bucket(), ref.key()), ref.uploadId()).isEmpty()) {
        // completed already (a client retrying after a lost answer): S3 answers the same again
        return Future.succeededFuture(done.get().info());
      }
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

  private Future<Void> abortUploadNow(UploadRef ref) {
    return writes.run(IndexKey.of(ref.bucket(), ref.key()), () -> {
      upload(ref);
      return commit(new CommitLogRecord.UploadAborted(ref.bucket(), ref.key(), ref.uploadId()));
    });
  }

  private Future<PartPage> listPartsNow(UploadRef ref, int partNumberMarker, int maxParts) {
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

  private Future<Void> commit(CommitLogRecord record) {
    return commitLog.append(record);
  }

  private static PartitionException noSuchKey(String bucket, String key) {
    return new PartitionException(PartitionErrorCode.NO_SUCH_KEY, bucket + "/" + key);
  }
}
