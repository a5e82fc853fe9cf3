package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AclHeaders;
import io.stampede.frontend.acl.AclResource;
import io.stampede.frontend.auth.SigV4;
import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.http.SmallBody;
import io.stampede.frontend.xml.SafeXml;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.w3c.dom.Element;

/**
 * CreateBucket: {@code PUT /bucket} with an optional CreateBucketConfiguration. Registers the
 * globally unique name with the location service for this stamp.
 */
public final class CreateBucketHandler implements S3Handler {
  static final int MAX_CONFIGURATION_BYTES = 64 * 1024;
  private final S3Services services;

  public CreateBucketHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "CreateBucket";
  }

  @Override
  public boolean checksBucket() {
    return false;
  }

  @Override
  public Future<Void> handle(S3Request request) {
    String bucket = request.bucket();
    if (!BucketNames.valid(bucket)) {
      return Future.failedFuture(S3Error.INVALID_BUCKET_NAME.exception("The specified bucket is not valid: " + bucket));
    }
    AclHeaders.check(request.http().headers(), AclResource.BUCKET, request.user().owner(), services.config().users());
    request.continueIfExpected();
    return SmallBody.read(request.http(), MAX_CONFIGURATION_BYTES)
        .map(body -> region(request, body))
        .compose(region -> services.locations().createBucket(
            bucket, request.caller(), region, services.config().stampId()))
        .compose(loc -> {
          services.buckets().invalidate(bucket);
          request.response().putHeader("Location", "/" + bucket);
          return request.sendEmpty(200);
        });
  }

  private String region(S3Request request, Buffer body) {
    request.auth().payloadSha256().ifPresent(expected -> {
      if (!expected.equals(SigV4.hex(SigV4.sha256(body.getBytes())))) {
        throw S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.exception();
      }
    });
    String region = services.config().region();
    if (body.length() == 0) {
      return region;
    }
    Element root = SafeXml.parse(body.getBytes(), MAX_CONFIGURATION_BYTES).getDocumentElement();
    if (!"CreateBucketConfiguration".equals(SafeXml.localName(root))) {
      throw S3Error.MALFORMED_XML.exception();
    }
    String constraint = SafeXml.childText(root, "LocationConstraint");
    if (constraint != null && !constraint.isEmpty() && !constraint.equals(region)) {
      throw S3Error.ILLEGAL_LOCATION_CONSTRAINT.exception("The " + constraint
          + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }
    return region;
  }
}
