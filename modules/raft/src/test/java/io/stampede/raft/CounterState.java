package io.stampede.raft;

import java.nio.ByteBuffer;

/**
 * A tiny replicated state for tests: a counter. A command is an 8-byte delta (negative deltas are
 * refused); replies, queries and snapshots are the 8-byte value. Records how it was restored.
 */
final class CounterState implements ReplicatedState {
  private long value;
  private long restores;
  private long restoredValue = -1;
  private long appliesSinceStart;

  static byte[] add(long delta) {
    return encode(delta);
  }

  static byte[] encode(long v) {
    return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
  }

  static long decode(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }

  @Override
  public byte[] apply(byte[] command) {
    long delta = decode(command);
    if (delta < 0) {
      throw new IllegalArgumentException("negative delta " + delta);
    }
    value += delta;
    appliesSinceStart++;
    return encode(value);
  }

  @Override
  public byte[] query(byte[] query) {
    return encode(value);
  }

  @Override
  public byte[] snapshot() {
    return encode(value);
  }

  @Override
  public void restore(byte[] snapshot) {
    value = decode(snapshot);
    restores++;
    restoredValue = value;
  }

  long value() {
    return value;
  }

  long restores() {
    return restores;
  }

  long restoredValue() {
    return restoredValue;
  }

  long appliesSinceStart() {
    return appliesSinceStart;
  }
}
