package io.stampede.frontend.s3;

import io.stampede.frontend.acl.OwnerXml;
import io.stampede.frontend.http.HttpDates;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.location.api.BucketLocation;
import io.vertx.core.Future;

/** ListBuckets: {@code GET /}, the caller's buckets only. */
public final class ListBucketsHandler implements S3Handler {
  private final S3Services services;

  public ListBucketsHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "ListBuckets";
  }

  @Override
  public boolean checksBucket() {
    return false;
  }

  @Override
  public Future<Void> handle(S3Request request) {
    return services.locations().listBuckets(request.caller()).compose(buckets -> {
      XmlWriter xml = XmlWriter.document("ListAllMyBucketsResult");
      OwnerXml.write(xml, "Owner", request.user().owner());
      xml.start("Buckets");
      for (BucketLocation b : buckets) {
        xml.start("Bucket")
            .element("Name", b.bucket())
            .element("CreationDate", HttpDates.iso8601(b.createdMs()))
            .element("BucketRegion", b.region())
            .end();
      }
      return request.sendXml(200, xml.finish());
    });
  }
}
