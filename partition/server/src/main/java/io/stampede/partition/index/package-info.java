/**
 * The in-memory index of a range partition (WAS "memory table" of the object table): the latest
 * record per index key, sorted by UTF-8 bytes, and the S3 listing algorithm over it.
 */
package io.stampede.partition.index;
