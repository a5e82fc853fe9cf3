package io.stampede.frontend.server;

import io.stampede.frontend.error.S3Error;
import io.stampede.frontend.s3.ListBucketsHandler;
import io.stampede.frontend.s3.OptionsObjectHandler;
import io.stampede.frontend.s3.S3Handler;
import io.stampede.frontend.s3.S3Services;
import io.stampede.partition.api.PartitionApi;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the S3 operation for a method, address and sub-resources: the service's (ListBuckets),
 * a bucket's ({@link BucketOperations}) or an object's ({@link ObjectOperations}). Known S3
 * sub-resources this stamp does not serve yet are NotImplemented (501); methods S3 has no
 * operation for on the resource are MethodNotAllowed (405). {@code versionId} is no sub-resource
 * of its own: the operations that take it (GetObject, HeadObject, DeleteObject, the tagging and
 * ACL ones) read it.
 */
final class OperationTable {
  static final Set<String> SUBRESOURCES = Set.of(
      "accelerate", "acl", "analytics", "attributes", "cors", "delete", "encryption", "intelligent-tiering",
      "inventory", "legal-hold", "lifecycle", "location", "logging", "metadataTable", "metrics", "notification",
      "object-lock", "ownershipControls", "partNumber", "policy", "policyStatus", "publicAccessBlock",
      "replication", "requestPayment", "restore", "retention", "select", "session", "tagging", "torrent",
      "uploadId", "uploads", "versioning", "versions", "website");

  private final S3Handler listBuckets;
  private final S3Handler optionsObject;
  private final BucketOperations buckets;
  private final ObjectOperations objects;

  OperationTable(S3Services services) {
    listBuckets = new ListBucketsHandler(services);
    optionsObject = new OptionsObjectHandler(services);
    buckets = new BucketOperations(services);
    objects = new ObjectOperations(services);
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
    if (address.key() == null) {
      return buckets.select(method, subs, params);
    }
    // Every operation on an object refuses a key no object can have, before anything else.
    if (address.key().getBytes(StandardCharsets.UTF_8).length > PartitionApi.KEY_BYTES_MAX) {
      throw S3Error.KEY_TOO_LONG.exception();
    }
    return objects.select(method, subs, headers);
  }

  private static Set<String> subresources(MultiMap params) {
    Set<String> subs = new TreeSet<>();
    for (String name : params.names()) {
      if (SUBRESOURCES.contains(name)) {
        subs.add(name);
      }
    }
    return subs;
  }

  /** Like {@link #requireNone}, for operations that take {@code allowed} as a plain parameter. */
  static void requireNoneBut(Set<String> subs, String allowed) {
    Set<String> rest = new TreeSet<>(subs);
    rest.remove(allowed);
    requireNone(rest);
  }

  /** NotImplemented for sub-resources no operation of this stamp serves. */
  static void requireNone(Set<String> subs) {
    if (!subs.isEmpty()) {
      throw S3Error.NOT_IMPLEMENTED.exception("Sub-resource " + subs + " is not implemented");
    }
  }
}
