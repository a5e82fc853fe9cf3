package io.stampede.partition.api;

import io.stampede.common.key.IndexKey;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Closes (or reopens) a bucket's key space in every range partition that holds part of it, range
 * after range in key order ({@link PartitionApi#closeBucket(String, String)}): from the bucket's
 * lowest index key to the range that reaches past its last. A range split or moved meanwhile is
 * no matter: each call goes to whoever holds the next key, and a split range's children inherit
 * its closed key spaces. If a range refuses (BUCKET_NOT_EMPTY or any failure), the ranges closed
 * before it are reopened and the refusal is the answer.
 */
public final class BucketClose {
  private BucketClose() {}

  public static Future<Void> close(PartitionApi api, String bucket) {
    String start = IndexKey.bucketStart(bucket);
    AtomicReference<String> reached = new AtomicReference<>(start);
    return walk(start, bucket, api::closeBucket, reached).recover(refused -> reopenBefore(start, bucket, api,
        reached.get()).transform(ar -> Future.failedFuture(refused)));
  }

  public static Future<Void> reopen(PartitionApi api, String bucket) {
    String start = IndexKey.bucketStart(bucket);
    return walk(start, bucket, api::reopenBucket, new AtomicReference<>(start));
  }

  private static boolean past(String high, String bucket) {
    return high.isEmpty() || IndexKey.compare(high, IndexKey.bucketEnd(bucket)) >= 0;
  }

  /** Calls each range from {@code from} on; {@code reached} holds the start of the range being called. */
  private static Future<Void> walk(String from, String bucket, BiFunction<String, String, Future<String>> call,
      AtomicReference<String> reached) {
    reached.set(from);
    return call.apply(bucket, from).compose(high -> past(high, bucket) ? Future.succeededFuture()
        : walk(high, bucket, call, reached));
  }

  /**
   * Reopens the ranges from {@code from} through the one holding {@code stop} (the one that
   * failed, which may have closed all the same if its answer was lost). Best effort: a reopen
   * that fails leaves the bucket closed there, as a DeleteBucket that failed midway may.
   */
  private static Future<Void> reopenBefore(String from, String bucket, PartitionApi api, String stop) {
    if (IndexKey.compare(from, stop) > 0) {
      return Future.succeededFuture();
    }
    return api.reopenBucket(bucket, from).compose(high -> past(high, bucket) ? Future.succeededFuture()
        : reopenBefore(high, bucket, api, stop));
  }
}
