package io.stampede.frontend.s3;

import io.stampede.frontend.acl.OwnerXml;
import io.stampede.frontend.auth.Owner;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.UploadInfo;
import io.stampede.partition.api.UploadPage;
import io.vertx.core.Future;
import java.util.List;

/**
 * ListMultipartUploads: {@code GET /bucket?uploads}, uploads in progress ordered by key then
 * initiation, with prefix, delimiter, key-marker / upload-id-marker pagination and max-uploads.
 */
public final class ListMultipartUploadsHandler implements S3Handler {
  private final S3Services services;

  public ListMultipartUploadsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "ListMultipartUploads";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    ListingParams p = ListingParams.parse(request.params());
    int max = ListPartsHandler.bounded(request.param("max-uploads"), ListingParams.MAX_KEYS, "max-uploads");
    String keyMarker = ListingParams.orEmpty(request.param("key-marker"));
    String uploadIdMarker = keyMarker.isEmpty() ? "" : ListingParams.orEmpty(request.param("upload-id-marker"));
    Future<UploadPage> page = max == 0
        ? Future.succeededFuture(new UploadPage(List.of(), List.of(), false, ""))
        : services.partitions().listUploads(new ListObjectsQuery(request.bucket(), p.prefix(), p.delimiter(),
            keyMarker, "", max, uploadIdMarker));
    return page.compose(result -> request.sendXml(200, render(request, p, max, keyMarker, uploadIdMarker, result)));
  }

  private static String render(S3Request request, ListingParams p, int max, String keyMarker, String uploadIdMarker,
      UploadPage page) {
    Owner owner = request.bucketOwner();
    XmlWriter xml = XmlWriter.document("ListMultipartUploadsResult")
        .element("Bucket", request.bucket())
        .element("KeyMarker", p.encode(keyMarker))
        .element("UploadIdMarker", uploadIdMarker);
    if (page.truncated()) {
      String nextKey = "";
      String nextUpload = "";
      if (!page.uploads().isEmpty()) {
        UploadInfo last = page.uploads().get(page.uploads().size() - 1);
        nextKey = last.key();
        nextUpload = last.uploadId();
      }
      if (!page.commonPrefixes().isEmpty()) {
        String lastPrefix = page.commonPrefixes().get(page.commonPrefixes().size() - 1);
        if (nextKey.isEmpty() || io.stampede.common.key.IndexKey.compare(lastPrefix, nextKey) > 0) {
          nextKey = lastPrefix;
          nextUpload = "";
        }
      }
      xml.element("NextKeyMarker", p.encode(nextKey)).element("NextUploadIdMarker", nextUpload);
    }
    if (!p.delimiter().isEmpty()) {
      xml.element("Delimiter", p.encode(p.delimiter()));
    }
    xml.element("Prefix", p.encode(p.prefix()))
        .element("MaxUploads", max);
    if (p.urlEncoded()) {
      xml.element("EncodingType", "url");
    }
    xml.element("IsTruncated", page.truncated());
    for (UploadInfo u : page.uploads()) {
      xml.start("Upload")
          .element("Key", p.encode(u.key()))
          .element("UploadId", u.uploadId());
      OwnerXml.write(xml, "Initiator", owner);
      OwnerXml.write(xml, "Owner", owner);
      xml.element("StorageClass", "STANDARD")
          .element("Initiated", HttpDates.iso8601(u.initiatedMs()));
      u.checksumAlgorithm().ifPresent(a -> xml.element("ChecksumAlgorithm", a.name())
          .element("ChecksumType", u.checksumType().name()));
      xml.end();
    }
    for (String prefix : page.commonPrefixes()) {
      xml.start("CommonPrefixes").element("Prefix", p.encode(prefix)).end();
    }
    return xml.finish();
  }
}
