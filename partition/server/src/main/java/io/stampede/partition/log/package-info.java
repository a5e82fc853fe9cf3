/**
 * The commit log of a range partition (WAS commit log stream): the record format of index
 * updates appended to the stream {@code <partitionId>.log}, replayed to rebuild the index.
 */
package io.stampede.partition.log;
