package io.stampede.frontend.server;

import static io.stampede.frontend.server.OperationTable.requireNone;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.s3.CreateBucketHandler;
import io.stampede.frontend.s3.DeleteBucketHandler;
import io.stampede.frontend.s3.DeleteObjectsHandler;
import io.stampede.frontend.s3.GetBucketAclHandler;
import io.stampede.frontend.s3.GetBucketLocationHandler;
import io.stampede.frontend.s3.HeadBucketHandler;
import io.stampede.frontend.s3.ListMultipartUploadsHandler;
import io.stampede.frontend.s3.ListObjectVersionsHandler;
import io.stampede.frontend.s3.ListObjectsHandler;
import io.stampede.frontend.s3.ListObjectsV2Handler;
import io.stampede.frontend.s3.PutBucketAclHandler;
import io.stampede.frontend.s3.S3Handler;
import io.stampede.frontend.s3.S3Services;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;
import java.util.Set;

/** The operations on a bucket ({@code /bucket}), by method and sub-resource. */
final class BucketOperations {
  private static final Set<String> ACL = Set.of("acl");

  private final S3Handler createBucket;
  private final S3Handler headBucket;
  private final S3Handler deleteBucket;
  private final S3Handler getBucketLocation;
  private final S3Handler listObjects;
  private final S3Handler listObjectsV2;
  private final S3Handler listObjectVersions;
  private final S3Handler listMultipartUploads;
  private final S3Handler deleteObjects;
  private final S3Handler getBucketAcl;
  private final S3Handler putBucketAcl;
  private final BucketSettingsOperations bucketSettings;

  BucketOperations(S3Services services) {
    createBucket = new CreateBucketHandler(services);
    headBucket = new HeadBucketHandler();
    deleteBucket = new DeleteBucketHandler(services);
    getBucketLocation = new GetBucketLocationHandler();
    listObjects = new ListObjectsHandler(services);
    listObjectsV2 = new ListObjectsV2Handler(services);
    listObjectVersions = new ListObjectVersionsHandler(services);
    listMultipartUploads = new ListMultipartUploadsHandler(services);
    deleteObjects = new DeleteObjectsHandler(services);
    getBucketAcl = new GetBucketAclHandler();
    putBucketAcl = new PutBucketAclHandler(services);
    bucketSettings = new BucketSettingsOperations(services);
  }

  S3Handler select(HttpMethod method, Set<String> subs, MultiMap params) {
    Optional<S3Handler> settings = bucketSettings.select(method, subs);
    if (settings.isPresent()) {
      return settings.get();
    }
    if (method == HttpMethod.GET) {
      return get(subs, params);
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

  private S3Handler get(Set<String> subs, MultiMap params) {
    if (subs.equals(Set.of("location"))) {
      return getBucketLocation;
    }
    if (subs.equals(Set.of("uploads"))) {
      return listMultipartUploads;
    }
    if (subs.equals(Set.of("versions"))) {
      return listObjectVersions;
    }
    if (subs.equals(ACL)) {
      return getBucketAcl;
    }
    requireNone(subs);
    return "2".equals(params.get("list-type")) ? listObjectsV2 : listObjects;
  }
}
