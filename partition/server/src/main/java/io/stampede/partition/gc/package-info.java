/**
 * Garbage collection of the partition layer, as WAS does it: a pass over one range's blob stream
 * weighs each sealed extent's live bytes (what the range's index still points at) against its
 * stored bytes, copies the live blocks of mostly-dead extents to the stream's tail (index pointers
 * moved through the commit log, fenced like any write), and then drops the extents nothing points
 * into from the stream; extent nodes delete their replicas after the orphan grace period.
 */
package io.stampede.partition.gc;
