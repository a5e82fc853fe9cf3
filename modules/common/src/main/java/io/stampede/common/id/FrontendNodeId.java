package io.stampede.common.id;

import java.util.Objects;

/** Identifies a front-end node. The value is short and doubles as the log prefix. */
public record FrontendNodeId(String value) implements Comparable<FrontendNodeId> {
  public FrontendNodeId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad front-end node id: '" + value + "'");
    }
  }

  public static FrontendNodeId of(String value) {
    return new FrontendNodeId(value);
  }

  @Override
  public int compareTo(FrontendNodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
