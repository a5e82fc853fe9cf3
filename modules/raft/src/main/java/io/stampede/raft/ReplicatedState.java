package io.stampede.raft;

/**
 * A manager's domain state as Raft replicates it: commands and queries are opaque bytes (the
 * manager's protobuf messages), the whole state serializes to one snapshot.
 *
 * <p>{@link ReplicatedStateMachine} calls these methods one at a time (never concurrently), on
 * Ratis threads. {@link #apply} must be deterministic: every peer applies the same commands in the
 * same order and must reach the same state, so anything time- or random-dependent travels inside
 * the command. A command the state refuses throws {@link IllegalArgumentException}; every peer
 * refuses it alike, and the caller's future fails with {@link RaftCallException.Reason#REJECTED}.
 */
public interface ReplicatedState {
  /** Applies one committed command; returns the reply for the submitter. */
  byte[] apply(byte[] command);

  /** Answers a read-only query against the current state. */
  byte[] query(byte[] query);

  /** Serializes the whole state (the snapshot file's content). */
  byte[] snapshot();

  /** Replaces the whole state with a snapshot written by {@link #snapshot}. */
  void restore(byte[] snapshot);
}
