package io.stampede.common.id;

import java.util.Objects;

/** Identifies a Raft peer of a replicated manager. The value is short and doubles as the log prefix. */
public record ManagerPeerId(String value) implements Comparable<ManagerPeerId> {
  public ManagerPeerId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad Raft peer of a replicated manager id: '" + value + "'");
    }
  }

  public static ManagerPeerId of(String value) {
    return new ManagerPeerId(value);
  }

  @Override
  public int compareTo(ManagerPeerId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
