package io.stampede.location.api;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.bucket.BucketChange;
import io.vertx.core.Future;
import java.util.List;

/**
 * The location service: bucket names are global; it maps each bucket to the stamp holding it.
 * Implemented by the service and by its gRPC client adapter. Futures fail with
 * {@link LocationException}. Every change is durable (fsynced) before its future completes.
 */
public interface LocationApi {
  /** A stamp announces itself and the endpoint (VIP) it serves S3 on. Idempotent. */
  Future<Void> registerStamp(StampId stamp, Endpoint endpoint);

  /**
   * A registered stamp reports its capacity and use (bytes of extent replicas on its nodes). Kept
   * in memory and renewed by every report, so a restarted location service knows the fill again
   * within a report interval. NO_STAMP for a stamp never registered.
   */
  Future<Void> reportFill(StampId stamp, long capacityBytes, long usedBytes);

  /** Every registered stamp, in id order: VIP, last reported fill, bucket count. */
  Future<List<StampSummary>> stamps();

  /**
   * Registers a new bucket on {@code stamp} for {@code owner}. Fails BUCKET_ALREADY_OWNED_BY_YOU
   * when the same owner holds the name, BUCKET_ALREADY_EXISTS when another does.
   */
  Future<BucketLocation> createBucket(String bucket, String owner, String region, StampId stamp);

  /** The bucket's location; NO_SUCH_BUCKET if it does not exist. */
  Future<BucketLocation> getBucket(String bucket);

  /** Removes a bucket; NO_SUCH_BUCKET if absent, ACCESS_DENIED if {@code owner} does not own it. */
  Future<Void> deleteBucket(String bucket, String owner);

  /** The buckets {@code owner} owns, in name order. */
  Future<List<BucketLocation>> listBuckets(String owner);

  /**
   * Applies {@code change} to the bucket's settings and returns the bucket as it now is; durable
   * when the future completes. Changes of one bucket apply one at a time, each to the settings
   * the previous one left. NO_SUCH_BUCKET if absent, ACCESS_DENIED if {@code owner} does not
   * own it.
   */
  Future<BucketLocation> updateBucket(String bucket, String owner, BucketChange change);

  /**
   * The buckets held by {@code stamp} whose names sort after {@code startAfter} ("" for the
   * first page), in name order: at most {@code maxBuckets}, and fewer when their settings are
   * large (the page stays under a few MiB), but always at least one when any is left.
   */
  Future<BucketPage> stampBuckets(StampId stamp, String startAfter, int maxBuckets);
}
