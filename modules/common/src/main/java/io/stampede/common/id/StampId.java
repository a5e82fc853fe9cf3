package io.stampede.common.id;

import java.util.Objects;

/** Identifies a stamp. The value is short and doubles as the log prefix. */
public record StampId(String value) implements Comparable<StampId> {
  public StampId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad stamp id: '" + value + "'");
    }
  }

  public static StampId of(String value) {
    return new StampId(value);
  }

  @Override
  public int compareTo(StampId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
