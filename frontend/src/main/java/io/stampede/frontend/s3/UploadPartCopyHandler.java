package io.stampede.frontend.s3;

import io.stampede.common.key.ByteRange;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.UploadPartRequest;
import io.stampede.partition.api.UploadRef;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * UploadPartCopy: {@code PUT /bucket/key?partNumber=N&uploadId=U} with {@code x-amz-copy-source}
 * and optionally {@code x-amz-copy-source-range: bytes=first-last}. Streams that span of the source
 * (same checks and conditions as CopyObject) into the upload as part N; answers a CopyPartResult.
 */
public final class UploadPartCopyHandler implements S3Handler {
  /** S3's largest copy source (and part). */
  static final long COPY_BYTES_MAX = 5L << 30;
  private final S3Services services;
  private final CopySources sources;

  public UploadPartCopyHandler(S3Services services) {
    this.services = services;
    this.sources = new CopySources(services);
  }

  @Override
  public String operation() {
    return "UploadPartCopy";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    int partNumber = UploadPartHandler.partNumber(request);
    UploadRef upload = UploadPartHandler.uploadRef(request);
    CopySource source = CopySource.parse(request.header(CopySource.HEADER));
    String rangeHeader = request.header("x-amz-copy-source-range");
    Optional<ByteRange> range = rangeHeader == null ? Optional.empty() : Optional.of(CopySources.copyRange(rangeHeader));
    return sources.open(request, source, range).compose(read -> {
      long length = CopySources.length(read);
      if (length > COPY_BYTES_MAX) {
        read.cancel();
        return Future.failedFuture(S3Error.INVALID_REQUEST.exception(
            "The specified copy source is larger than the maximum allowable size for a copy source: " + COPY_BYTES_MAX));
      }
      Map<String, String> headers = new TreeMap<>();
      if (!ObjectInfo.NULL_VERSION.equals(read.info().versionId())) {
        headers.put("x-amz-copy-source-version-id", read.info().versionId());
      }
      Future<CopyAnswer.Result> copied = CopySources.stream(read, n -> services.metrics().bytesIn(operation(), n),
              body -> services.partitions().uploadPart(new UploadPartRequest(upload, partNumber, length), body))
          .map(part -> new CopyAnswer.Result(headers, result(part)));
      return CopyAnswer.send(services, request, copied);
    });
  }

  private static String result(ObjectPart part) {
    return XmlWriter.document("CopyPartResult")
        .element("ETag", ObjectHeaders.quote(part.etag()))
        .element("LastModified", HttpDates.iso8601(part.lastModifiedMs()))
        .finish();
  }
}
