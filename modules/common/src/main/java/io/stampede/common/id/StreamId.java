package io.stampede.common.id;

import java.util.Objects;

/** Identifies a stream. The value is short and doubles as the log prefix. */
public record StreamId(String value) implements Comparable<StreamId> {
  public StreamId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad stream id: '" + value + "'");
    }
  }

  public static StreamId of(String value) {
    return new StreamId(value);
  }

  @Override
  public int compareTo(StreamId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
