/**
 * The location service's journal format (WAS section 2, the location service's durable
 * namespace): the changes to the bucket directory that {@code buckets.journal} holds, and their
 * on-disk encoding, kept apart from the RPC contract.
 */
package io.stampede.location.service.journal;
