/** Typed identifiers of every part of a stamp: stamps, racks, extent nodes, extents, streams, partitions. */
package io.stampede.common.id;
