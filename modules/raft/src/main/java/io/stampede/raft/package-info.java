/**
 * The replicated metadata managers of the stamp (partition manager, stream manager) on Ratis: one
 * Raft group of three peers per manager, a thin state machine over the manager's plain domain
 * class ({@link io.stampede.raft.ReplicatedState}), a client that submits commands and
 * linearizable reads to the leader it remembers, and leadership events for leader-only work.
 */
package io.stampede.raft;
