/**
 * The partition layer's contracts (WAS section 5): object operations on range partitions of
 * the key space {@code bucket/key}, and the partition map that says who serves which range.
 */
package io.stampede.partition.api;
