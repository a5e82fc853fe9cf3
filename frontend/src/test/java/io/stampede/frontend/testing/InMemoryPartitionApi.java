package io.stampede.frontend.testing;

import io.stampede.common.key.ByteRange;
import io.stampede.common.key.IndexKey;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.DeleteObjectRequest;
import io.stampede.partition.api.DeleteResult;
import io.stampede.partition.api.ObjectRef;
import io.stampede.partition.api.PartitionErrorCode;
import io.stampede.partition.api.PartitionException;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.UploadPage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The partition layer in one map, for front-end tests. Bodies are buffered (test sizes only). */
public final class InMemoryPartitionApi extends UnsupportedPartitionApi {
  private final NavigableMap<String, Stored> objects = new ConcurrentSkipListMap<>(IndexKey::compare);
  private final Clock clock;
  /** PutObject calls whose body failed or was short: nothing was stored for them. */
  public final AtomicInteger rejectedPuts = new AtomicInteger();

  private record Stored(ObjectInfo info, byte[] bytes) {}

  public InMemoryPartitionApi(Clock clock) {
    this.clock = clock;
  }

  /** The bytes stored for {@code key} of the bucket named {@code bucket} (in any of its key spaces). */
  public Optional<byte[]> bytes(String bucket, String key) {
    return objects.entrySet().stream()
        .filter(e -> io.stampede.location.api.BucketLocation.nameOf(IndexKey.bucket(e.getKey())).equals(bucket)
            && IndexKey.objectKey(e.getKey()).equals(key))
        .map(e -> e.getValue().bytes()).findFirst();
  }

  @Override
  public Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body) {
    Promise<ObjectInfo> promise = Promise.promise();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.exceptionHandler(t -> {
      rejectedPuts.incrementAndGet();
      promise.tryFail(new PartitionException(PartitionErrorCode.INCOMPLETE_BODY, "body failed", t));
    });
    body.endHandler(v -> {
      byte[] bytes = out.toByteArray();
      if (bytes.length != request.contentLength()) {
        rejectedPuts.incrementAndGet();
        promise.tryFail(new PartitionException(PartitionErrorCode.INCOMPLETE_BODY, "short body"));
        return;
      }
      ObjectInfo info = new ObjectInfo(request.bucket(), request.key(), bytes.length, md5(bytes), clock.millis(),
          request.contentType(), request.headers(), request.userMetadata());
      objects.put(IndexKey.of(request.bucket(), request.key()), new Stored(info, bytes));
      promise.tryComplete(info);
    });
    body.handler(b -> out.writeBytes(b.getBytes()));
    return promise.future();
  }

  @Override
  public Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range) {
    String bucket = ref.bucket();
    String key = ref.key();
    Stored s = objects.get(IndexKey.of(bucket, key));
    if (s == null) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.NO_SUCH_KEY, key));
    }
    long size = s.bytes().length;
    if (range.isEmpty()) {
      return Future.succeededFuture(read(s.info(), new ByteRange.Span(0, size - 1), false, s.bytes()));
    }
    Optional<ByteRange.Span> span = range.get().resolve(size);
    if (span.isEmpty()) {
      return Future.failedFuture(new PartitionException(PartitionErrorCode.INVALID_RANGE, key));
    }
    ByteRange.Span sp = span.get();
    return Future.succeededFuture(read(s.info(), sp, true, s.bytes()));
  }

  private static ObjectRead read(ObjectInfo info, ByteRange.Span span, boolean partial, byte[] bytes) {
    PiecesReadStream body = PiecesReadStream.of(
        java.util.Arrays.copyOfRange(bytes, (int) span.start(), (int) span.end() + 1), 64 * 1024);
    return new ObjectRead(info, span, partial, body, body::pause);
  }

  @Override
  public Future<ObjectInfo> headObject(ObjectRef ref) {
    String bucket = ref.bucket();
    String key = ref.key();
    Stored s = objects.get(IndexKey.of(bucket, key));
    return s == null
        ? Future.failedFuture(new PartitionException(PartitionErrorCode.NO_SUCH_KEY, key))
        : Future.succeededFuture(s.info());
  }

  @Override
  public Future<DeleteResult> deleteObject(DeleteObjectRequest request) {
    String bucket = request.bucket();
    String key = request.key();
    objects.remove(IndexKey.of(bucket, key));
    return Future.succeededFuture(DeleteResult.NONE);
  }

  @Override
  public Future<ListPage> listObjects(ListObjectsQuery q) {
    List<ObjectInfo> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    boolean truncated = false;
    String start = IndexKey.bucketStart(q.bucket());
    for (Map.Entry<String, Stored> e : objects.tailMap(start, false).entrySet()) {
      if (!IndexKey.bucket(e.getKey()).equals(q.bucket())) {
        break;
      }
      String key = IndexKey.objectKey(e.getKey());
      if (!key.startsWith(q.prefix()) || IndexKey.compare(key, q.startAfter()) <= 0) {
        continue;
      }
      String entry = key;
      if (!q.delimiter().isEmpty()) {
        int at = key.indexOf(q.delimiter(), q.prefix().length());
        if (at >= 0) {
          entry = key.substring(0, at + q.delimiter().length());
          if (IndexKey.compare(entry, q.startAfter()) <= 0 || q.startAfter().startsWith(entry)
              || (!prefixes.isEmpty() && prefixes.get(prefixes.size() - 1).equals(entry))) {
            continue;
          }
        }
      }
      if (found.size() + prefixes.size() >= q.maxKeys()) {
        truncated = true;
        break;
      }
      if (entry.equals(key)) {
        found.add(e.getValue().info());
      } else {
        prefixes.add(entry);
      }
    }
    return Future.succeededFuture(new ListPage(found, prefixes, truncated, ""));
  }

  /** Every object here is a bucket's only version of its key. */
  @Override
  public Future<ListPage> listObjectVersions(ListObjectsQuery q) {
    return listObjects(q);
  }

  /** No multipart uploads here. */
  @Override
  public Future<UploadPage> listUploads(ListObjectsQuery q) {
    return Future.succeededFuture(new UploadPage(List.of(), List.of(), false, ""));
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One range holding everything: BUCKET_NOT_EMPTY while any object of the bucket is stored. */
  @Override
  public Future<String> closeBucket(String bucket, String from) {
    boolean holds = !objects.subMap(IndexKey.bucketStart(bucket), IndexKey.bucketEnd(bucket)).isEmpty();
    return holds ? Future.failedFuture(new PartitionException(PartitionErrorCode.BUCKET_NOT_EMPTY, bucket))
        : Future.succeededFuture("");
  }

  @Override
  public Future<String> reopenBucket(String bucket, String from) {
    return Future.succeededFuture("");
  }
}
