/** The stamp's key space: index keys, key ranges of range partitions, byte ranges of objects. */
package io.stampede.common.key;
