package io.stampede.common.id;

import java.util.Objects;

/** Identifies a rack. The value is short and doubles as the log prefix. */
public record RackId(String value) implements Comparable<RackId> {
  public RackId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad rack id: '" + value + "'");
    }
  }

  public static RackId of(String value) {
    return new RackId(value);
  }

  @Override
  public int compareTo(RackId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
