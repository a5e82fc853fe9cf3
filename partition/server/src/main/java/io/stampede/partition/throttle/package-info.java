/**
 * Tenant isolation in the partition server (WAS section 5's throttling of a partition server's
 * load): token buckets that cap the request rate of each range partition and of each S3 bucket,
 * so a client hammering one bucket is answered {@code SLOW_DOWN} (S3 {@code 503 SlowDown})
 * instead of slowing the other buckets down.
 */
package io.stampede.partition.throttle;
