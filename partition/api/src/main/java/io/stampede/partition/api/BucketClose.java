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
    // on a refusal, reopen through the range that refused (its close may have taken effect if
    // only its answer was lost): best effort, a reopen that fails leaves the bucket closed there,
    // as a DeleteBucket that failed midway may
    return walk(start, IndexKey.bucketEnd(bucket), bucket, api::closeBucket, reached).recover(refused ->
        walk(start, reached.get() + '\0', bucket, api::reopenBucket, new AtomicReference<>())
            .transform(ar -> Future.failedFuture(refused)));
  }

  public static Future<Void> reopen(PartitionApi api, String bucket) {
    return walk(IndexKey.bucketStart(bucket), IndexKey.bucketEnd(bucket), bucket, api::reopenBucket,
        new AtomicReference<>());
  }

  /**
   * Calls each range from the one holding {@code from} up to the one holding the last key below
   * {@code until}; {@code reached} holds the key the range being called was asked by.
   */
  private static Future<Void> walk(String from, String until, String bucket,
      BiFunction<String, String, Future<String>> call, AtomicReference<String> reached) {
    reached.set(from);
    return call.apply(bucket, from).compose(high -> high.isEmpty() || IndexKey.compare(high, until) >= 0
        ? Future.succeededFuture() : walk(high, until, bucket, call, reached));
  }
}
