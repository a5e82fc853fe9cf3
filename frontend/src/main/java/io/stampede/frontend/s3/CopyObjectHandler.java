package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.common.checksum.StoredChecksum;
import io.stampede.frontend.acl.AclHeaders;
import io.stampede.frontend.acl.AclResource;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectRead;
import io.stampede.partition.api.PutObjectRequest;
import io.stampede.partition.api.WriteCondition;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CopyObject: {@code PUT} with {@code x-amz-copy-source}. The source's bytes stream from its
 * GetObject into the destination's PutObject (see {@link CopySources}); metadata and tags are the
 * source's ({@code COPY}, the default) or the request's ({@code REPLACE}). Copying an object onto
 * itself needs something to change. The answer is a CopyObjectResult, sent as {@link CopyAnswer}
 * describes.
 */
public final class CopyObjectHandler implements S3Handler {
  /** S3's largest copy source for CopyObject (larger objects are copied with UploadPartCopy). */
  static final long COPY_SOURCE_BYTES_MAX = 5L << 30;
  private static final String COPY = "COPY";
  private static final String REPLACE = "REPLACE";
  private static final String ILLEGAL_SELF_COPY = "This copy request is illegal because it is trying to copy an"
      + " object to itself without changing the object's metadata, storage class, website redirect location or"
      + " encryption attributes.";

  private final S3Services services;
  private final CopySources sources;

  public CopyObjectHandler(S3Services services) {
    this.services = services;
    this.sources = new CopySources(services);
  }

  @Override
  public String operation() {
    return "CopyObject";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    MultiMap headers = request.http().headers();
    CopySource source = CopySource.parse(headers.get(CopySource.HEADER));
    if (headers.contains("x-amz-copy-source-range")) {
      throw S3Error.INVALID_ARGUMENT.exception("The x-amz-copy-source-range header is only valid for UploadPartCopy");
    }
    boolean replaceMetadata = directive(headers, "x-amz-metadata-directive", "Unknown metadata directive.");
    boolean replaceTags = directive(headers, "x-amz-tagging-directive", "Unknown tagging directive.");
    if (replaceMetadata) {
      ObjectHeaders.newObjectMetadata(headers); // refused before the source is even opened
    }
    AclHeaders.check(headers, AclResource.OBJECT, request.bucketOwner(), services.config().users());
    WriteCondition condition = WriteConditions.of(request);
    Optional<ChecksumAlgorithm> checksum = checksumAlgorithm(headers);
    return sources.open(request, source, Optional.empty()).compose(read -> {
      PutObjectRequest put;
      try {
        checkCopyable(request, source, read, replaceMetadata);
        put = destination(request, read.info(), replaceMetadata, replaceTags, condition,
            checksum.or(() -> read.info().checksum().map(StoredChecksum::algorithm)));
      } catch (RuntimeException e) {
        read.cancel();
        return Future.failedFuture(e);
      }
      if (!ObjectInfo.NULL_VERSION.equals(read.info().versionId())) {
        request.response().putHeader("x-amz-copy-source-version-id", read.info().versionId());
      }
      Future<CopyAnswer.Result> copied = CopySources.stream(read, n -> services.metrics().bytesIn(operation(), n),
              body -> services.partitions().putObject(put, body))
          .map(CopyObjectHandler::result);
      return CopyAnswer.send(services, request, copied);
    });
  }

  private static boolean directive(MultiMap headers, String name, String message) {
    String value = headers.get(name);
    if (value == null || value.equals(COPY)) {
      return false;
    }
    if (value.equals(REPLACE)) {
      return true;
    }
    throw S3Error.INVALID_ARGUMENT.exception(message);
  }

  private void checkCopyable(S3Request request, CopySource source, ObjectRead read, boolean replaceMetadata) {
    long limit = Math.min(COPY_SOURCE_BYTES_MAX, services.config().maxObjectBytes());
    if (read.info().size() > limit) {
      throw S3Error.INVALID_REQUEST.exception(
          "The specified copy source is larger than the maximum allowable size for a copy source: " + limit);
    }
    boolean sameObject = source.bucket().equals(request.bucket()) && source.key().equals(request.key())
        && (source.versionId().isEmpty() || read.info().latest());
    MultiMap h = request.http().headers();
    boolean changes = replaceMetadata || h.contains("x-amz-storage-class")
        || h.contains("x-amz-website-redirect-location") || h.contains("x-amz-server-side-encryption")
        || h.contains("x-amz-server-side-encryption-customer-algorithm");
    if (sameObject && !changes) {
      throw S3Error.INVALID_REQUEST.exception(ILLEGAL_SELF_COPY);
    }
  }

  private static PutObjectRequest destination(S3Request request, ObjectInfo source, boolean replaceMetadata,
      boolean replaceTags, WriteCondition condition, Optional<ChecksumAlgorithm> checksum) {
    MultiMap h = request.http().headers();
    String type = source.contentType();
    Map<String, String> stored = source.headers();
    Map<String, String> meta = source.userMetadata();
    if (replaceMetadata) {
      type = ObjectHeaders.contentType(h);
      stored = ObjectHeaders.storedHeaders(h);
      meta = ObjectHeaders.newObjectMetadata(h);
    }
    Map<String, String> tags = replaceTags ? ObjectTags.fromHeader(h.get(ObjectTags.HEADER)) : source.tags();
    return new PutObjectRequest(request.bucket(), request.key(), source.size(), type, stored, meta, tags,
        VersionIds.state(request), condition, checksum);
  }

  private static Optional<ChecksumAlgorithm> checksumAlgorithm(MultiMap headers) {
    String name = headers.get("x-amz-checksum-algorithm");
    if (name == null) {
      return Optional.empty();
    }
    Optional<ChecksumAlgorithm> alg = ChecksumAlgorithm.fromHeader(
        ChecksumAlgorithm.HEADER_PREFIX + name.trim().toLowerCase(Locale.ROOT));
    if (alg.isEmpty()) {
      throw S3Error.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported. Please try again with any"
          + " of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
    }
    return alg;
  }

  private static CopyAnswer.Result result(ObjectInfo copy) {
    Map<String, String> headers = new TreeMap<>();
    if (!ObjectInfo.NULL_VERSION.equals(copy.versionId())) {
      headers.put("x-amz-version-id", copy.versionId());
    }
    XmlWriter xml = XmlWriter.document("CopyObjectResult")
        .element("ETag", ObjectHeaders.quote(copy.etag()))
        .element("LastModified", HttpDates.iso8601(copy.lastModifiedMs()));
    copy.checksum().ifPresent(c -> xml.element("ChecksumType", c.type().name())
        .element("Checksum" + c.algorithm().name(), c.value()));
    return new CopyAnswer.Result(headers, xml.finish());
  }
}
