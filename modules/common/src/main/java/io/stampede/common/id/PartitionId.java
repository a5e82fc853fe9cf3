package io.stampede.common.id;

import java.util.Objects;

/** Identifies a range partition. The value is short and doubles as the log prefix. */
public record PartitionId(String value) implements Comparable<PartitionId> {
  public PartitionId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad range partition id: '" + value + "'");
    }
  }

  public static PartitionId of(String value) {
    return new PartitionId(value);
  }

  @Override
  public int compareTo(PartitionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
