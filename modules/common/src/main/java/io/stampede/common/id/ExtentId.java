package io.stampede.common.id;

import java.util.Objects;

/** Identifies a extent. The value is short and doubles as the log prefix. */
public record ExtentId(String value) implements Comparable<ExtentId> {
  public ExtentId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 200) {
      throw new IllegalArgumentException("bad extent id: '" + value + "'");
    }
  }

  public static ExtentId of(String value) {
    return new ExtentId(value);
  }

  @Override
  public int compareTo(ExtentId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
