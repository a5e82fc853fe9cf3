package io.stampede.frontend.s3;

import io.stampede.frontend.acl.AclHeaders;
import io.stampede.frontend.acl.AclResource;
import io.stampede.frontend.xml.XmlWriter;
import io.stampede.partition.api.CreateUploadRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * CreateMultipartUpload: {@code POST /bucket/key?uploads}. Records the upload, with the metadata
 * the completed object will carry and its checksum choice, in the key's range partition.
 */
public final class CreateMultipartUploadHandler implements S3Handler {
  private final S3Services services;

  public CreateMultipartUploadHandler(S3Services services) {
    this.services = services;
  }

  @Override
  public String operation() {
    return "CreateMultipartUpload";
  }

  @Override
  public Future<Void> handle(S3Request request) {
    MultiMap headers = request.http().headers();
    Map<String, String> meta = ObjectHeaders.newObjectMetadata(headers);
    AclHeaders.check(headers, AclResource.OBJECT, request.bucketOwner(), services.config().users());
    MultipartChecksums checksums = MultipartChecksums.of(request);
    CreateUploadRequest create = new CreateUploadRequest(request.bucket(), request.key(),
        ObjectHeaders.contentType(headers),
        ObjectHeaders.storedHeaders(headers), meta, ObjectTags.fromHeader(headers.get(ObjectTags.HEADER)),
        checksums.algorithm(), checksums.type());
    return services.partitions().createUpload(create).compose(upload -> {
      upload.checksumAlgorithm().ifPresent(alg -> request.response()
          .putHeader("x-amz-checksum-algorithm", alg.name())
          .putHeader("x-amz-checksum-type", upload.checksumType().name()));
      return request.sendXml(200, XmlWriter.document("InitiateMultipartUploadResult")
          .element("Bucket", request.bucket())
          .element("Key", request.key())
          .element("UploadId", upload.uploadId())
          .finish());
    });
  }
}
