package io.stampede.frontend.server;

import static io.stampede.frontend.server.OperationTable.requireNone;
import static io.stampede.frontend.server.OperationTable.requireNoneBut;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.s3.AbortMultipartUploadHandler;
import io.stampede.frontend.s3.CompleteMultipartUploadHandler;
import io.stampede.frontend.s3.CopyObjectHandler;
import io.stampede.frontend.s3.CopySource;
import io.stampede.frontend.s3.CreateMultipartUploadHandler;
import io.stampede.frontend.s3.DeleteObjectHandler;
import io.stampede.frontend.s3.DeleteObjectTaggingHandler;
import io.stampede.frontend.s3.GetObjectAclHandler;
import io.stampede.frontend.s3.GetObjectAttributesHandler;
import io.stampede.frontend.s3.GetObjectHandler;
import io.stampede.frontend.s3.GetObjectTaggingHandler;
import io.stampede.frontend.s3.HeadObjectHandler;
import io.stampede.frontend.s3.ListPartsHandler;
import io.stampede.frontend.s3.PutObjectAclHandler;
import io.stampede.frontend.s3.PutObjectHandler;
import io.stampede.frontend.s3.PutObjectTaggingHandler;
import io.stampede.frontend.s3.S3Handler;
import io.stampede.frontend.s3.S3Services;
import io.stampede.frontend.s3.UploadPartCopyHandler;
import io.stampede.frontend.s3.UploadPartHandler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/** The operations on an object ({@code /bucket/key}), by method, sub-resource and copy source. */
final class ObjectOperations {
  private static final Set<String> ACL = Set.of("acl");
  private static final Set<String> TAGGING = Set.of("tagging");
  private static final Set<String> UPLOAD = Set.of("uploadId");

  private final S3Handler putObject;
  private final S3Handler getObject;
  private final S3Handler getObjectAttributes;
  private final S3Handler headObject;
  private final S3Handler deleteObject;
  private final S3Handler copyObject;
  private final S3Handler createMultipartUpload;
  private final S3Handler uploadPart;
  private final S3Handler uploadPartCopy;
  private final S3Handler completeMultipartUpload;
  private final S3Handler abortMultipartUpload;
  private final S3Handler listParts;
  private final S3Handler putObjectTagging;
  private final S3Handler getObjectTagging;
  private final S3Handler deleteObjectTagging;
  private final S3Handler getObjectAcl;
  private final S3Handler putObjectAcl;

  ObjectOperations(S3Services services) {
    putObject = new PutObjectHandler(services);
    getObject = new GetObjectHandler(services);
    getObjectAttributes = new GetObjectAttributesHandler(services);
    headObject = new HeadObjectHandler(services);
    deleteObject = new DeleteObjectHandler(services);
    copyObject = new CopyObjectHandler(services);
    createMultipartUpload = new CreateMultipartUploadHandler(services);
    uploadPart = new UploadPartHandler(services);
    uploadPartCopy = new UploadPartCopyHandler(services);
    completeMultipartUpload = new CompleteMultipartUploadHandler(services);
    abortMultipartUpload = new AbortMultipartUploadHandler(services);
    listParts = new ListPartsHandler(services);
    putObjectTagging = new PutObjectTaggingHandler(services);
    getObjectTagging = new GetObjectTaggingHandler(services);
    deleteObjectTagging = new DeleteObjectTaggingHandler(services);
    getObjectAcl = new GetObjectAclHandler(services);
    putObjectAcl = new PutObjectAclHandler(services);
  }

  S3Handler select(HttpMethod method, Set<String> subs, MultiMap headers) {
    if (method == HttpMethod.GET) {
      return get(subs);
    }
    if (method == HttpMethod.HEAD) {
      requireNoneBut(subs, "partNumber");
      return headObject;
    }
    if (method == HttpMethod.PUT) {
      return put(subs, headers);
    }
    if (method == HttpMethod.DELETE) {
      if (subs.equals(UPLOAD)) {
        return abortMultipartUpload;
      }
      if (subs.equals(TAGGING)) {
        return deleteObjectTagging;
      }
      requireNone(subs);
      return deleteObject;
    }
    if (method == HttpMethod.POST) {
      if (subs.equals(Set.of("uploads"))) {
        return createMultipartUpload;
      }
      if (subs.equals(UPLOAD)) {
        return completeMultipartUpload;
      }
      throw S3Error.NOT_IMPLEMENTED.exception("This object operation is not implemented");
    }
    throw S3Error.METHOD_NOT_ALLOWED.exception();
  }

  private S3Handler get(Set<String> subs) {
    if (subs.equals(UPLOAD)) {
      return listParts;
    }
    if (subs.equals(TAGGING)) {
      return getObjectTagging;
    }
    if (subs.equals(ACL)) {
      return getObjectAcl;
    }
    if (subs.equals(Set.of("attributes"))) {
      return getObjectAttributes;
    }
    requireNoneBut(subs, "partNumber");
    return getObject;
  }

  private S3Handler put(Set<String> subs, MultiMap headers) {
    if (subs.equals(Set.of("partNumber", "uploadId"))) {
      return headers.contains(CopySource.HEADER) ? uploadPartCopy : uploadPart;
    }
    if (subs.equals(TAGGING)) {
      return putObjectTagging;
    }
    if (subs.equals(ACL)) {
      return putObjectAcl;
    }
    requireNone(subs);
    return headers.contains(CopySource.HEADER) ? copyObject : putObject;
  }
}
