package io.stampede.frontend.s3;

import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.ListObjectsQuery;
import io.stampede.partition.api.ListPage;
import io.vertx.core.Future;
import java.util.List;

/** ListObjects (V1): {@code GET /bucket} with marker; NextMarker only with a delimiter. */
public final class ListObjectsHandler implements S3Handler {
  private final S3Services services;

  public ListObjectsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "ListObjects";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    ListingParams p = ListingParams.parse(request.params());
    String marker = ListingParams.orEmpty(request.param("marker"));
    Future<ListPage> page = p.maxKeys() == 0
        ? Future.succeededFuture(new ListPage(List.of(), List.of(), false, ""))
        : services.partitions().listObjects(
            new ListObjectsQuery(request.bucket(), p.prefix(), p.delimiter(), marker, "", p.maxKeys()));
    return page.compose(result -> request.sendXml(200, render(request, p, marker, result)));
  }

  static String render(S3Request request, ListingParams p, String marker, ListPage page) {
    XmlWriter xml = XmlWriter.document("ListBucketResult")
        .element("Name", request.bucket())
        .element("Prefix", p.encode(p.prefix()))
        .element("Marker", p.encode(marker));
    p.writeCommon(xml);
    xml.element("IsTruncated", page.truncated());
    if (page.truncated() && !p.delimiter().isEmpty()) {
      xml.element("NextMarker", p.encode(ListingParams.last(page)));
    }
    p.writeEntries(xml, page, request.bucketOwner(), true);
    return xml.finish();
  }
}
