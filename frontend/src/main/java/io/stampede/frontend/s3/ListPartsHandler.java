package io.stampede.frontend.s3;

import io.stampede.frontend.acl.OwnerXml;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ObjectPart;
import io.stampede.partition.api.PartPage;
import io.vertx.core.Future;

/** ListParts: {@code GET /bucket/key?uploadId=U}, paginated by part-number-marker and max-parts. */
public final class ListPartsHandler implements S3Handler {
  static final int MAX_PARTS = 1000;
  private final S3Services services;

  public ListPartsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "ListParts";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    int max = bounded(request.param("max-parts"), MAX_PARTS, "max-parts");
    int marker = bounded(request.param("part-number-marker"), 0, "part-number-marker");
    return services.partitions().listParts(UploadPartHandler.uploadRef(request), marker, max)
        .compose(page -> request.sendXml(200, render(request, page, marker, max)));
  }

  /** A non-negative integer parameter, capped at {@code absent} when that is a maximum. */
  static int bounded(String value, int absent, String name) {
    if (value == null) {
      return absent;
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return (int) Math.min(n, absent == 0 ? Integer.MAX_VALUE : absent);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw S3Error.INVALID_ARGUMENT.exception("Provided " + name + " not an integer or within integer range");
  }

  private static String render(S3Request request, PartPage page, int marker, int max) {
    Owner owner = request.bucketOwner();
    XmlWriter xml = XmlWriter.document("ListPartsResult")
        .element("Bucket", request.bucket())
        .element("Key", request.key())
        .element("UploadId", page.upload().uploadId());
    OwnerXml.write(xml, "Initiator", owner);
    OwnerXml.write(xml, "Owner", owner);
    xml.element("StorageClass", "STANDARD")
        .element("PartNumberMarker", marker);
    if (!page.parts().isEmpty()) {
      xml.element("NextPartNumberMarker", page.parts().get(page.parts().size() - 1).partNumber());
    }
    xml.element("MaxParts", max).element("IsTruncated", page.truncated());
    page.upload().checksumAlgorithm().ifPresent(a -> xml.element("ChecksumAlgorithm", a.name())
        .element("ChecksumType", page.upload().checksumType().name()));
    for (ObjectPart p : page.parts()) {
      xml.start("Part")
          .element("PartNumber", p.partNumber())
          .element("LastModified", HttpDates.iso8601(p.lastModifiedMs()))
          .element("ETag", ObjectHeaders.quote(p.etag()))
          .element("Size", p.size());
      page.upload().checksumAlgorithm().ifPresent(a -> MultipartChecksums.write(xml, a, p.checksum()));
      xml.end();
    }
    return xml.finish();
  }
}
