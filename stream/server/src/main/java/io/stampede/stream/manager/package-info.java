/**
 * The stream manager role (WAS section 4.2): keeps streams as ordered lists of extents, places
 * each extent's three replicas in three fault domains, seals extents and opens new ones, deletes
 * streams (their replicas then collected as orphans). The metadata is replicated by a Raft group
 * of three peers ({@link io.stampede.stream.manager.StreamManagerPeer});
 * the leader alone does placement, sealing, failure detection and repair. Off the data path.
 */
package io.stampede.stream.manager;
