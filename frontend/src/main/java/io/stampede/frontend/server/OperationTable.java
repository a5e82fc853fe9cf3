package io.stampede.frontend.server;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.s3.CopyObjectHandler;
import io.stampede.frontend.s3.CopySource;
import io.stampede.frontend.s3.AbortMultipartUploadHandler;
import io.stampede.frontend.s3.CompleteMultipartUploadHandler;
import io.stampede.frontend.s3.CreateBucketHandler;
import io.stampede.frontend.s3.CreateMultipartUploadHandler;
import io.stampede.frontend.s3.DeleteBucketHandler;
import io.stampede.frontend.s3.DeleteObjectHandler;
import io.stampede.frontend.s3.DeleteObjectsHandler;
import io.stampede.frontend.s3.GetBucketAclHandler;
import io.stampede.frontend.s3.GetBucketLocationHandler;
import io.stampede.frontend.s3.GetObjectAclHandler;
import io.stampede.frontend.s3.GetObjectAttributesHandler;
import io.stampede.frontend.s3.GetObjectHandler;
import io.stampede.frontend.s3.HeadBucketHandler;
import io.stampede.frontend.s3.HeadObjectHandler;
import io.stampede.frontend.s3.ListBucketsHandler;
import io.stampede.frontend.s3.ListMultipartUploadsHandler;
import io.stampede.frontend.s3.ListObjectsHandler;
import io.stampede.frontend.s3.ListObjectsV2Handler;
import io.stampede.frontend.s3.ListPartsHandler;
import io.stampede.frontend.s3.OptionsObjectHandler;
import io.stampede.frontend.s3.PutBucketAclHandler;
import io.stampede.frontend.s3.PutObjectAclHandler;
import io.stampede.frontend.s3.PutObjectHandler;
import io.stampede.frontend.s3.S3Handler;
import io.stampede.frontend.s3.S3Services;
import io.stampede.frontend.s3.UploadPartCopyHandler;
import io.stampede.frontend.s3.UploadPartHandler;
import io.stampede.partition.api.PartitionApi;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the S3 operation for a method, address and sub-resources. Known S3 sub-resources this
 * stamp does not serve yet are NotImplemented (501); methods S3 has no operation for on the
 * resource are MethodNotAllowed (405).
 */
final class OperationTable {
  static final Set<String> SUBRESOURCES = Set.of(
      "accelerate", "acl", "analytics", "attributes", "cors", "delete", "encryption", "intelligent-tiering",
      "inventory", "legal-hold", "lifecycle", "location", "logging", "metadataTable", "metrics", "notification",
      "object-lock", "ownershipControls", "partNumber", "policy", "policyStatus", "publicAccessBlock",
      "replication", "requestPayment", "restore", "retention", "select", "session", "tagging", "torrent",
      "uploadId", "uploads", "versionId", "versioning", "versions", "website");

  private static final Set<String> ACL = Set.of("acl");

  private final S3Handler listBuckets;
  private final S3Handler createBucket;
  private final S3Handler headBucket;
  private final S3Handler deleteBucket;
  private final S3Handler getBucketLocation;
  private final S3Handler listObjects;
  private final S3Handler listObjectsV2;
  private final S3Handler putObject;
  private final S3Handler getObject;
  private final S3Handler getObjectAttributes;
  private final S3Handler headObject;
  private final S3Handler deleteObject;
  private final S3Handler copyObject;
  private final S3Handler deleteObjects;
  private final S3Handler createMultipartUpload;
  private final S3Handler uploadPart;
  private final S3Handler uploadPartCopy;
  private final S3Handler completeMultipartUpload;
  private final S3Handler abortMultipartUpload;
  private final S3Handler listParts;
  private final S3Handler listMultipartUploads;
  private final BucketSettingsOperations bucketSettings;
  private final S3Handler optionsObject;
  private final S3Handler getBucketAcl;
  private final S3Handler putBucketAcl;
  private final S3Handler getObjectAcl;
  private final S3Handler putObjectAcl;

  OperationTable(S3Services services) {
    listBuckets = new ListBucketsHandler(services);
    createBucket = new CreateBucketHandler(services);
    headBucket = new HeadBucketHandler();
    deleteBucket = new DeleteBucketHandler(services);
    getBucketLocation = new GetBucketLocationHandler();
    listObjects = new ListObjectsHandler(services);
    listObjectsV2 = new ListObjectsV2Handler(services);
    putObject = new PutObjectHandler(services);
    getObject = new GetObjectHandler(services);
    getObjectAttributes = new GetObjectAttributesHandler(services);
    headObject = new HeadObjectHandler(services);
    deleteObject = new DeleteObjectHandler(services);
    copyObject = new CopyObjectHandler(services);
    deleteObjects = new DeleteObjectsHandler(services);
    createMultipartUpload = new CreateMultipartUploadHandler(services);
    uploadPart = new UploadPartHandler(services);
    uploadPartCopy = new UploadPartCopyHandler(services);
    completeMultipartUpload = new CompleteMultipartUploadHandler(services);
    abortMultipartUpload = new AbortMultipartUploadHandler(services);
    listParts = new ListPartsHandler(services);
    listMultipartUploads = new ListMultipartUploadsHandler(services);
    bucketSettings = new BucketSettingsOperations(services);
    optionsObject = new OptionsObjectHandler(services);
    getBucketAcl = new GetBucketAclHandler();
    putBucketAcl = new PutBucketAclHandler(services);
    getObjectAcl = new GetObjectAclHandler(services);
    putObjectAcl = new PutObjectAclHandler(services);
  }

  S3Handler select(HttpMethod method, S3Address address, MultiMap params, MultiMap headers) {
    if (address.bucket() == null) {
      if (method == HttpMethod.GET) {
        return listBuckets;
      }
      throw S3Error.METHOD_NOT_ALLOWED.exception();
    }
    if (method == HttpMethod.OPTIONS) {
      return optionsObject;
    }
    Set<String> subs = subresources(params);
    return address.key() == null ? bucketOperation(method, subs, params) : objectOperation(method, subs, headers, address.key());
  }

  private S3Handler bucketOperation(HttpMethod method, Set<String> subs, MultiMap params) {
    Optional<S3Handler> settings = bucketSettings.select(method, subs);
    if (settings.isPresent()) {
      return settings.get();
    }
    if (method == HttpMethod.GET) {
      if (subs.equals(Set.of("location"))) {
        return getBucketLocation;
      }
      if (subs.equals(Set.of("uploads"))) {
        return listMultipartUploads;
      }
      if (subs.equals(ACL)) {
        return getBucketAcl;
      }
      requireNone(subs);
      return "2".equals(params.get("list-type")) ? listObjectsV2 : listObjects;
    }
    if (method == HttpMethod.HEAD) {
      return headBucket;
    }
    if (method == HttpMethod.PUT) {
      if (subs.equals(ACL)) {
        return putBucketAcl;
      }
      requireNone(subs);
      return createBucket;
    }
    if (method == HttpMethod.DELETE) {
      requireNone(subs);
      return deleteBucket;
    }
    if (method == HttpMethod.POST) {
      if (subs.equals(Set.of("delete"))) {
        return deleteObjects;
      }
      throw S3Error.NOT_IMPLEMENTED.exception("This bucket operation is not implemented");
    }
    throw S3Error.METHOD_NOT_ALLOWED.exception();
  }

  private S3Handler objectOperation(HttpMethod method, Set<String> subs, MultiMap headers, String key) {
    // Every operation on an object refuses a key no object can have, before anything else.
    if (key.getBytes(StandardCharsets.UTF_8).length > PartitionApi.KEY_BYTES_MAX) {
      throw S3Error.KEY_TOO_LONG.exception();
    }
    if (method == HttpMethod.GET) {
      if (subs.equals(Set.of("uploadId"))) {
        return listParts;
      }
      if (subs.equals(ACL)) {
        return getObjectAcl;
      }
      if (subs.contains("attributes")) {
        Set<String> rest = new TreeSet<>(subs);
        rest.remove("attributes");
        requireNoneBut(rest, "versionId");
        return getObjectAttributes;
      }
      requireNoneBut(subs, "partNumber");
      return getObject;
    }
    if (method == HttpMethod.HEAD) {
      requireNoneBut(subs, "partNumber");
      return headObject;
    }
    if (method == HttpMethod.PUT) {
      if (subs.equals(Set.of("partNumber", "uploadId"))) {
        return headers.contains("x-amz-copy-source") ? uploadPartCopy : uploadPart;
      }
      if (subs.equals(ACL)) {
        return putObjectAcl;
      }
      requireNone(subs);
      if (headers.contains(CopySource.HEADER)) {
        return copyObject;
      }
      return putObject;
    }
    if (method == HttpMethod.DELETE) {
      if (subs.equals(Set.of("uploadId"))) {
        return abortMultipartUpload;
      }
      requireNone(subs);
      return deleteObject;
    }
    if (method == HttpMethod.POST) {
      if (subs.equals(Set.of("uploads"))) {
        return createMultipartUpload;
      }
      if (subs.equals(Set.of("uploadId"))) {
        return completeMultipartUpload;
      }
      throw S3Error.NOT_IMPLEMENTED.exception("This object operation is not implemented");
    }
    throw S3Error.METHOD_NOT_ALLOWED.exception();
  }

  private static Set<String> subresources(MultiMap params) {
    Set<String> subs = new TreeSet<>();
    for (String name : params.names()) {
      if (SUBRESOURCES.contains(name) && !(name.equals("versionId") && "null".equals(params.get(name)))) {
        subs.add(name);
      }
    }
    return subs;
  }

  /** Like {@link #requireNone}, for operations that take {@code allowed} as a plain parameter. */
  private static void requireNoneBut(Set<String> subs, String allowed) {
    Set<String> rest = new TreeSet<>(subs);
    rest.remove(allowed);
    requireNone(rest);
  }

  private static void requireNone(Set<String> subs) {
    if (!subs.isEmpty()) {
      throw S3Error.NOT_IMPLEMENTED.exception("Sub-resource " + subs + " is not implemented");
    }
  }
}
