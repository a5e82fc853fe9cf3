/**
 * Checkpoints of a range partition's index (WAS "checkpoint" of the object table's row data):
 * the index at one commit-log position written to the streams {@code <id>.ckpt} (data blocks)
 * and {@code <id>.meta} (one descriptor per checkpoint), so loading a range reads the latest
 * checkpoint and replays only the commit-log records after it.
 */
package io.stampede.partition.checkpoint;
