package io.stampede.common.id;

import java.util.Objects;

/** Identifies a extent node. The value is short and doubles as the log prefix. */
public record ExtentNodeId(String value) implements Comparable<ExtentNodeId> {
  public ExtentNodeId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad extent node id: '" + value + "'");
    }
  }

  public static ExtentNodeId of(String value) {
    return new ExtentNodeId(value);
  }

  @Override
  public int compareTo(ExtentNodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
