package io.stampede.frontend.s3;

import io.stampede.common.checksum.ChecksumAlgorithm;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.UriEncoding;
import io.stampede.frontend.xml.SafeXml;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.CompleteUploadRequest;
import io.stampede.partition.api.ObjectInfo;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.Versioning;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * CompleteMultipartUpload: {@code POST /bucket/key?uploadId=U} with the list of parts. The partition
 * server checks the parts (InvalidPart, InvalidPartOrder, EntityTooSmall) and the conditional
 * headers, then makes the parts the key's new version without copying them.
 */
public final class CompleteMultipartUploadHandler implements S3Handler {
  /** 10,000 parts of about 200 bytes of XML each, with room to spare. */
  static final int MAX_BODY_BYTES = 4 << 20;
  private final S3Services services;

  public CompleteMultipartUploadHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "CompleteMultipartUpload";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    var upload = UploadPartHandler.uploadRef(request);
    var condition = WriteConditions.of(request);
    return RequestXml.read(request, MAX_BODY_BYTES)
        .map(CompleteMultipartUploadHandler::parts)
        .compose(parts -> services.partitions().completeUpload(new CompleteUploadRequest(upload, parts,
            services.config().partBytesMin(), Versioning.UNVERSIONED, condition)))
        .compose(info -> request.sendXml(200, render(request, info)));
  }

  static List<CompleteUploadRequest.Selected> parts(Buffer body) {
    Element root = RequestXml.root(body, "CompleteMultipartUpload", MAX_BODY_BYTES);
    List<CompleteUploadRequest.Selected> parts = new ArrayList<>();
    for (Element part : RequestXml.children(root, "Part")) {
      String number = SafeXml.childText(part, "PartNumber");
      String etag = SafeXml.childText(part, "ETag");
      if (number == null || etag == null) {
        throw S3Error.MALFORMED_XML.exception();
      }
      int n;
      try {
        n = Integer.parseInt(number.trim());
      } catch (NumberFormatException e) {
        throw S3Error.MALFORMED_XML.exception();
      }
      if (n < 1 || n > ObjectPart.NUMBER_MAX) {
        throw S3Error.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive");
      }
      parts.add(selected(part, n, etag));
    }
    if (parts.isEmpty()) {
      throw S3Error.MALFORMED_XML.exception("You must specify at least one part");
    }
    return parts;
  }

  private static CompleteUploadRequest.Selected selected(Element part, int n, String etag) {
    for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
      String value = SafeXml.childText(part, MultipartChecksums.element(alg));
      if (value != null && !value.isBlank()) {
        return new CompleteUploadRequest.Selected(n, etag.trim(), Optional.of(alg), value.trim());
      }
    }
    return new CompleteUploadRequest.Selected(n, etag.trim());
  }

  private static String render(S3Request request, ObjectInfo info) {
    if (!info.versionId().equals(ObjectInfo.NULL_VERSION)) {
      request.response().putHeader("x-amz-version-id", info.versionId());
    }
    XmlWriter xml = XmlWriter.document("CompleteMultipartUploadResult")
        .element("Location", "/" + request.bucket() + "/" + UriEncoding.encode(request.key(), true))
        .element("Bucket", request.bucket())
        .element("Key", request.key())
        .element("ETag", ObjectHeaders.quote(info.etag()));
    info.checksum().ifPresent(c -> {
      MultipartChecksums.write(xml, c.algorithm(), c.value());
      xml.element("ChecksumType", c.type().name());
    });
    return xml.finish();
  }
}
