package io.stampede.common.id;

import java.util.Objects;
import java.util.OptionalLong;

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

  /** The id the partition manager gives its {@code n}-th range: {@code p<n>}. */
  public static PartitionId numbered(long n) {
    return new PartitionId("p" + n);
  }

  /** {@code n} of an id {@code p<n>}; empty for any other id. */
  public OptionalLong number() {
    if (value.length() < 2 || value.charAt(0) != 'p' || !value.substring(1).chars().allMatch(Character::isDigit)
        || value.length() > 19) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(value.substring(1)));
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
