/**
 * Extent replicas on an extent node's disk (WAS section 4.3, "extent nodes"): the append-only,
 * checksummed extent file format and the store of one node's replica files.
 */
package io.stampede.stream.extent;
