/**
 * The extent node role (WAS section 4.3): holds extent replicas, orders appends as an extent's
 * primary and forwards them to the secondaries, and heartbeats to the stream manager.
 */
package io.stampede.stream.node;
