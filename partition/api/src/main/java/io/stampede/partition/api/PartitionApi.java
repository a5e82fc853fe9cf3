package io.stampede.partition.api;

import io.stampede.common.key.ByteRange;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Object operations of the partition layer. Implemented by a partition server (for the ranges it
 * serves), by its gRPC client adapter, and by the routing client that sends each call to the
 * server owning the key. Every future fails with {@link PartitionException}.
 *
 * <p>Writes of one key (puts, deletes, tag changes, completions) are applied one at a time in
 * the order their commit-log records were appended; a conditional write's precondition is
 * checked in that order, so of concurrent conditional writers of one key at most one wins.
 */
public interface PartitionApi {
  /** The longest object key accepted, in UTF-8 bytes; longer keys are BAD_REQUEST. */
  int KEY_BYTES_MAX = 1024;

  /**
   * Stores an object version. The bytes are appended to the partition's blob stream, then the
   * index entry to its commit log; the future completes once both are durable on every replica,
   * and from then on every read sees the new version. If {@code body} fails, or delivers a byte
   * count other than {@code request.contentLength()}, nothing is stored (INCOMPLETE_BODY).
   * PRECONDITION_FAILED if the request's condition does not hold when the version is committed.
   */
  Future<ObjectInfo> putObject(PutObjectRequest request, ReadStream<Buffer> body);

  /**
   * Reads an object version, or the span of it that {@code range} (or the ref's part number)
   * selects. NO_SUCH_KEY if the key has no current version, NO_SUCH_VERSION if the version does
   * not exist, INVALID_RANGE if the range or part is unsatisfiable. A delete marker is returned
   * as such (its info says so; the body is empty): the caller decides what S3 answers.
   */
  Future<ObjectRead> getObject(ObjectRef ref, Optional<ByteRange> range);

  /** A version's metadata (with the part's size when the ref names a part); errors as getObject. */
  Future<ObjectInfo> headObject(ObjectRef ref);

  /** Deletes as {@link DeleteObjectRequest} describes; succeeds whether or not the key existed. */
  Future<DeleteResult> deleteObject(DeleteObjectRequest request);

  /** Lists a bucket's current versions as {@link ListObjectsQuery} describes. */
  Future<ListPage> listObjects(ListObjectsQuery query);

  /** Lists every version and delete marker, per key newest first, each with its {@code latest} flag. */
  Future<ListPage> listObjectVersions(ListObjectsQuery query);

  /** Replaces a version's tags (empty: removes them); returns the version. Errors as headObject. */
  Future<ObjectInfo> setTags(ObjectRef ref, Map<String, String> tags);

  /** The parts of a version made by a multipart upload, in order (empty for other versions). */
  Future<List<ObjectPart>> objectParts(ObjectRef ref);

  /** Starts a multipart upload; its parts go to a stream of their own. */
  Future<UploadInfo> createUpload(CreateUploadRequest request);

  /**
   * Stores one part (replacing an earlier part of that number); durable when it completes.
   * NO_SUCH_UPLOAD if the upload is not in progress; body failures as putObject.
   */
  Future<ObjectPart> uploadPart(UploadPartRequest request, ReadStream<Buffer> body);

  /**
   * Makes the named parts, in order, the key's new version, without copying their bytes.
   * NO_SUCH_UPLOAD, INVALID_PART, INVALID_PART_ORDER, ENTITY_TOO_SMALL, PRECONDITION_FAILED.
   */
  Future<ObjectInfo> completeUpload(CompleteUploadRequest request);

  /** Abandons an upload and releases its parts' space. NO_SUCH_UPLOAD if not in progress. */
  Future<Void> abortUpload(UploadRef upload);

  /** The upload's parts after {@code partNumberMarker}, at most {@code maxParts}. NO_SUCH_UPLOAD. */
  Future<PartPage> listParts(UploadRef upload, int partNumberMarker, int maxParts);

  /** Lists uploads in progress (key marker in startAfter, upload-id marker in versionIdMarker). */
  Future<UploadPage> listUploads(ListObjectsQuery query);

  /**
   * DeleteBucket's fence in one range: closes {@code bucket}'s key space in the range holding
   * index key {@code from}, so that every later write of a key of the bucket there fails
   * NO_SUCH_BUCKET. Refused with BUCKET_NOT_EMPTY (nothing changes) while the range holds a
   * version, delete marker or upload of the bucket. The close is a commit-log record, ordered
   * with the range's writes: a write of the bucket either committed before it (and the close is
   * refused) or fails after it, never both. Idempotent. Answers the range's high bound ("": the
   * last range), where the bucket's next range starts ({@link BucketClose} walks them all).
   */
  Future<String> closeBucket(String bucket, String from);

  /** Undoes {@link #closeBucket} in the range holding {@code from}; idempotent. Answers the range's high bound. */
  Future<String> reopenBucket(String bucket, String from);

  /**
   * Closes the bucket's key space in every range holding part of it ({@link BucketClose#close}):
   * BUCKET_NOT_EMPTY (and every range reopened) if any holds something of it.
   */
  default Future<Void> closeBucket(String bucket) {
    return BucketClose.close(this, bucket);
  }

  /** Reopens the bucket's key space in every range holding part of it ({@link BucketClose#reopen}). */
  default Future<Void> reopenBucket(String bucket) {
    return BucketClose.reopen(this, bucket);
  }

  /** The current version of {@code bucket/key}. */
  default Future<ObjectRead> getObject(String bucket, String key, Optional<ByteRange> range) {
    return getObject(ObjectRef.latest(bucket, key), range);
  }

  default Future<ObjectInfo> headObject(String bucket, String key) {
    return headObject(ObjectRef.latest(bucket, key));
  }

  /** Deletes {@code bucket/key} of an unversioned bucket. */
  default Future<DeleteResult> deleteObject(String bucket, String key) {
    return deleteObject(DeleteObjectRequest.of(bucket, key));
  }
}
