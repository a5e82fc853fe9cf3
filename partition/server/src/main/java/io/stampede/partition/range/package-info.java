/**
 * A range partition (WAS RangePartition): one key range served by a partition server,
 * log-structured over two streams of the stream layer, {@code <id>.log} (commit log of index
 * records) and {@code <id>.blob} (object bytes), with its index in memory.
 */
package io.stampede.partition.range;
