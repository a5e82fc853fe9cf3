package io.stampede.frontend.s3;

import io.stampede.frontend.xml.XmlWriter;
import io.vertx.core.Future;

/** GetBucketLocation: {@code GET /bucket?location}; empty for us-east-1, as S3 answers. */
public final class GetBucketLocationHandler implements S3Handler {
  @Override
  public String operation() {
    return "GetBucketLocation";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String region = request.location().region();
    XmlWriter xml = XmlWriter.document("LocationConstraint");
    if (!"us-east-1".equals(region)) {
      xml.text(region);
    }
    return request.sendXml(200, xml.finish());
  }
}
