package io.stampede.common.id;

import java.util.Objects;

/** Identifies a partition server. The value is short and doubles as the log prefix. */
public record PartitionServerId(String value) implements Comparable<PartitionServerId> {
  public PartitionServerId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad partition server id: '" + value + "'");
    }
  }

  public static PartitionServerId of(String value) {
    return new PartitionServerId(value);
  }

  @Override
  public int compareTo(PartitionServerId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
