package io.stampede.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 requests the workloads make, on one bucket: PUTs whose bodies are {@link Payload}s
 * streamed as the SDK reads them, GETs that read every byte and check it against the payload
 * (length and CRC32), multipart uploads, listing pages. Counts the reads it verified.
 */
final class S3Ops {
  private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[256 << 10]);

  private final S3Client s3;
  private final String bucket;
  private final AtomicLong verifiedReads = new AtomicLong();
  private final AtomicLong verifiedBytes = new AtomicLong();

  S3Ops(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  String bucket() {
    return bucket;
  }

  long verifiedReads() {
    return verifiedReads.get();
  }

  long verifiedBytes() {
    return verifiedBytes.get();
  }

  void createBucket() {
    s3.createBucket(b -> b.bucket(bucket));
  }

  /** PUTs object {@code seed} of {@code size} bytes at {@code key}; returns {@code size}. */
  long put(String key, long seed, long size) {
    s3.putObject(b -> b.bucket(bucket).key(key), body(seed, 0, size));
    return size;
  }

  /** GETs {@code key}, which must hold object {@code seed} of {@code size} bytes; returns {@code size}. */
  long getVerified(String key, long seed, long size) {
    long read = 0;
    CRC32 crc = new CRC32();
    byte[] buffer = READ_BUFFER.get();
    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        crc.update(buffer, 0, n);
        read += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + key + " failed while reading", e);
    }
    if (read != size) {
      throw new VerificationException("GET " + bucket + "/" + key + " returned " + read + " bytes, expected " + size);
    }
    if (crc.getValue() != Payload.crc32(seed, 0, size)) {
      throw new VerificationException("GET " + bucket + "/" + key + " returned " + size
          + " bytes that differ from what was PUT (CRC32 mismatch)");
    }
    verifiedReads.incrementAndGet();
    verifiedBytes.addAndGet(size);
    return size;
  }

  /** Uploads object {@code seed} at {@code key} as {@code parts} parts of {@code partBytes}; returns its size. */
  long multipartPut(String key, long seed, int parts, long partBytes) {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    try {
      List<CompletedPart> done = new ArrayList<>(parts);
      for (int p = 1; p <= parts; p++) {
        int partNumber = p;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
            body(seed, (partNumber - 1) * partBytes, partBytes)).eTag();
        done.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(done)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
    return parts * partBytes;
  }

  /**
   * One ListObjectsV2 page of at most {@code maxKeys} under {@code prefix} after {@code startAfter}
   * (null: from the first); it must hold exactly {@code expectedKeys}. Returns the keys listed.
   */
  long listPage(String prefix, String startAfter, int maxKeys, int expectedKeys) {
    ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(maxKeys)
        .startAfter(startAfter));
    if (page.contents().size() != expectedKeys) {
      throw new VerificationException("ListObjectsV2 " + bucket + "/" + prefix + " after " + startAfter
          + " listed " + page.contents().size() + " keys, expected " + expectedKeys);
    }
    return expectedKeys;
  }

  /** Deletes every object of the bucket, then the bucket; returns the objects deleted. */
  long deleteAll() {
    long deleted = 0;
    String token = null;
    do {
      String t = token;
      ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).continuationToken(t));
      List<ObjectIdentifier> ids = new ArrayList<>();
      for (S3Object o : page.contents()) {
        ids.add(ObjectIdentifier.builder().key(o.key()).build());
      }
      if (!ids.isEmpty()) {
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
        deleted += ids.size();
      }
      token = page.isTruncated() ? page.nextContinuationToken() : null;
    } while (token != null);
    s3.deleteBucket(b -> b.bucket(bucket));
    return deleted;
  }

  private static RequestBody body(long seed, long offset, long length) {
    return RequestBody.fromContentProvider(() -> Payload.stream(seed, offset, length), length,
        "application/octet-stream");
  }

  /** A read returned other bytes than were written: the run fails. */
  static final class VerificationException extends RuntimeException {
    VerificationException(String message) {
      super(message);
    }
  }
}
