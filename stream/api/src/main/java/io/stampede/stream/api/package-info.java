/**
 * The stream layer's contracts (WAS section 4): extents replicated across racks, streams as
 * ordered lists of extents, and the stream manager that keeps their metadata.
 */
package io.stampede.stream.api;
